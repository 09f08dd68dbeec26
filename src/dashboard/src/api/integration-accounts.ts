import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { IntegrationAccount, IntegrationTestResult } from './types';

const base = '/api/company/integration-accounts';

export type TwilioCredentials = { accountSid: string; authToken: string };

export type TwilioAccountInput = {
  accountType: 'twilio';
  name: string;
  description?: string;
  chatbotId: string;
  credentials: TwilioCredentials;
  config: { phoneNumber: string };
};

export type WhatsAppCredentials = { accessToken: string; appSecret: string };

export type WhatsAppConfig = {
  businessAccountId: string;
  phoneNumberId: string;
  phoneNumber: string;
  /** Left out, the server makes one up. */
  verifyToken?: string;
};

export type WhatsAppAccountInput = {
  accountType: 'whatsapp';
  name: string;
  description?: string;
  chatbotId: string;
  credentials: WhatsAppCredentials;
  config: WhatsAppConfig;
};

/** Omitted credentials keep the saved ones. */
export type IntegrationAccountPatch = {
  name?: string;
  description?: string;
  chatbotId?: string;
  credentials?: TwilioCredentials | WhatsAppCredentials;
  config?: { phoneNumber: string } | WhatsAppConfig;
};

/** Unsaved form values; with the `id` of a saved account, omitted credentials mean its saved ones. */
export type ConnectionTestInput =
  | (Omit<TwilioAccountInput, 'credentials'> & { id?: string; credentials?: TwilioCredentials })
  | (Omit<WhatsAppAccountInput, 'credentials'> & {
      id?: string;
      credentials?: WhatsAppCredentials;
    });

/** A save or a test of a saved account; `test` is null when nothing the test checks changed. */
export type SavedAccount = { account: IntegrationAccount; test: IntegrationTestResult | null };

/** The company's accounts; the layout's alert banner shares this query with the page. */
export function integrationAccountsQuery(companyId: string) {
  return queryOptions({
    queryKey: companyKeys.integrationAccounts(companyId),
    queryFn: ({ signal }) => api.get<{ accounts: IntegrationAccount[] }>(base, undefined, signal),
    select: (data) => data.accounts,
  });
}

export function useIntegrationAccounts() {
  return useQuery(integrationAccountsQuery(useCompanyId()));
}

function useInvalidateAccounts() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({ queryKey: companyKeys.integrationAccounts(companyId) });
}

export function useCreateIntegrationAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (input: TwilioAccountInput | WhatsAppAccountInput) =>
      api.post<SavedAccount>(base, input),
    onSuccess: invalidate,
  });
}

export function useUpdateIntegrationAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: ({ id, ...patch }: IntegrationAccountPatch & { id: string }) =>
      api.patch<SavedAccount>(`${base}/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteIntegrationAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base}/${id}`),
    onSuccess: invalidate,
  });
}

/** Tests a saved account; the server stores the outcome as its status. */
export function useTestIntegrationAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (id: string) => api.post<SavedAccount>(`${base}/${id}/test`, {}),
    onSuccess: invalidate,
  });
}

/** Tests what the form holds without saving it. */
export function useTestConnectionValues() {
  return useMutation({
    mutationFn: (input: ConnectionTestInput) =>
      api.post<{ test: IntegrationTestResult }>(`${base}/test`, input),
  });
}
