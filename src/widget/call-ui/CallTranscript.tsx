import { useEffect, useRef } from 'preact/hooks';
import type { TranscriptLine } from '../call/call-types';

type CallTranscriptProps = { lines: readonly TranscriptLine[]; agentName: string };

/** What both sides said, as it is recognised, following the newest line. */
export function CallTranscript({ lines, agentName }: CallTranscriptProps) {
  const list = useRef<HTMLOListElement>(null);
  const last = lines.at(-1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the newest text changes
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines.length, last?.text]);

  return (
    <ol ref={list} class="bz-transcript" role="log" aria-label="Live transcript">
      {lines.length === 0 && <li class="bz-transcript-empty">The transcript appears here.</li>}
      {lines.map((line) => (
        <li key={line.id} data-speaker={line.speaker} data-final={line.final}>
          <span class="bz-transcript-speaker">{line.speaker === 'caller' ? 'You' : agentName}</span>
          <span class="bz-transcript-text">
            {line.text}
            {line.interrupted && <span class="bz-transcript-cut"> (interrupted)</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
