import { api } from './client';

function callSocketUrl(callId: string, socket: 'take-over' | 'listen'): string {
  const { protocol, host } = window.location;
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${host}/api/company/calls/${callId}/${socket}/socket`;
}

/** The audio socket of a call the signed-in person accepted. */
export const takeOverSocketUrl = (callId: string) => callSocketUrl(callId, 'take-over');

/** A supervisor's socket hearing a live call, both sides mixed. */
export const listenSocketUrl = (callId: string) => callSocketUrl(callId, 'listen');

/** Takes a live call without being rung; the answer says where its audio is joined. */
export const takeOverCall = (callId: string) =>
  api.post<{ callId: string; takeOverPath: string }>(`/api/company/calls/${callId}/take-over`);

/** Where the person on the call may send a phone caller on (null: nowhere). */
export const takeOverInfo = (callId: string) =>
  api.get<{ acceptedBy: string | null; transferNumber: string | null }>(
    `/api/company/calls/${callId}/take-over`,
  );

export const transferCall = (callId: string) =>
  api.post<void>(`/api/company/calls/${callId}/take-over/transfer`);

export const setCallHold = (callId: string, onHold: boolean) =>
  api.post<void>(`/api/company/calls/${callId}/take-over/hold`, { onHold });

export const handCallBack = (callId: string) =>
  api.post<void>(`/api/company/calls/${callId}/take-over/hand-back`);

export const endLiveCall = (callId: string) => api.post<void>(`/api/company/calls/${callId}/end`);
