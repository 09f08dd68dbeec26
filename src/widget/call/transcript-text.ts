import type { TranscriptLine } from './call-types';

/** The call as plain text for "Download Transcript". */
export function transcriptText(
  lines: readonly TranscriptLine[],
  call: { startedAt: number | null; durationMs: number | null },
): string {
  const header = ['Call transcript'];
  if (call.startedAt !== null) header.push(new Date(call.startedAt).toLocaleString());
  if (call.durationMs !== null) header.push(`Duration: ${formatDuration(call.durationMs)}`);
  const body = lines
    .filter((line) => line.text.trim())
    .map((line) => {
      const who = line.speaker === 'agent' ? 'Agent' : 'You';
      return `${who}: ${line.text.trim()}${line.interrupted ? ' (interrupted)' : ''}`;
    });
  return `${[...header, '', ...body].join('\n')}\n`;
}

function formatDuration(durationMs: number): string {
  const totalSeconds = Math.round(durationMs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
