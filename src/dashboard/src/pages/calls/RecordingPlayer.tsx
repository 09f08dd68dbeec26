import { Pause, Play } from 'lucide-react';
import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../components/ui/Button';
import { cn } from '../../lib/cn';
import { focusRing } from '../../lib/styles';
import { formatClock } from './recording-levels';
import { useRecordingLevels } from './use-recording-levels';

const BARS = 96;
const SEEK_STEP_SEC = 5;

type RecordingPlayerProps = {
  /** A signed link; it expires, so a newer one replaces it when playback fails. */
  url: string;
  /** Asks for a fresh link (the call details again). */
  onLinkExpired: () => void;
};

/**
 * The call's recording: play/pause, both sides' levels (agent above, caller
 * below the line) with what has played highlighted, and seeking by click,
 * drag or the arrow keys on the waveform.
 */
export function RecordingPlayer({ url, onLinkExpired }: RecordingPlayerProps) {
  const audio = useRef<HTMLAudioElement>(null);
  // The link playback started with stays until it fails: a refreshed one would restart the audio.
  const [src, setSrc] = useState(url);
  const [failed, setFailed] = useState(false);
  const resumeAt = useRef(0);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const levels = useRecordingLevels(src, BARS);

  useEffect(() => {
    if (failed && url !== src) {
      setSrc(url);
      setFailed(false);
    }
  }, [failed, url, src]);

  const total = duration || (levels.status === 'ready' ? levels.levels.durationSec : 0);
  const seek = (seconds: number) => {
    const element = audio.current;
    if (!element || !total) return;
    element.currentTime = Math.min(total, Math.max(0, seconds));
    setTime(element.currentTime);
  };
  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => {});
    else element.pause();
  };
  const seekFromPointer = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    seek(((event.clientX - box.left) / box.width) * total);
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowLeft: time - SEEK_STEP_SEC,
      ArrowDown: time - SEEK_STEP_SEC,
      ArrowRight: time + SEEK_STEP_SEC,
      ArrowUp: time + SEEK_STEP_SEC,
      Home: 0,
      End: total,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    seek(to);
  };
  const progress = total ? time / total : 0;

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <Button
          size="icon"
          variant="primary"
          onClick={toggle}
          aria-label={playing ? 'Pause recording' : 'Play recording'}
          disabled={failed}
        >
          {playing ? (
            <Pause className="size-4" aria-hidden="true" />
          ) : (
            <Play className="size-4" aria-hidden="true" />
          )}
        </Button>
        <div
          role="slider"
          tabIndex={0}
          aria-label="Seek in the recording"
          aria-valuemin={0}
          aria-valuemax={Math.round(total)}
          aria-valuenow={Math.round(time)}
          aria-valuetext={`${formatClock(time)} of ${formatClock(total)}`}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            seekFromPointer(event);
          }}
          onPointerMove={(event) => {
            if (event.buttons === 1) seekFromPointer(event);
          }}
          onKeyDown={onKey}
          className={cn(
            'relative h-14 min-w-0 flex-1 cursor-pointer touch-none rounded-md bg-slate-50 dark:bg-slate-800/60',
            focusRing,
          )}
        >
          <Waveform levels={levels} progress={progress} />
        </div>
        <span className="shrink-0 text-right text-xs tabular-nums text-slate-500 dark:text-slate-400">
          {formatClock(time)} / {formatClock(total)}
        </span>
      </div>
      <div className="flex items-center gap-4 text-xs text-slate-500 dark:text-slate-400">
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2 rounded-full bg-blue-500" aria-hidden="true" />
          Agent
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2 rounded-full bg-emerald-500" aria-hidden="true" />
          Caller
        </span>
        {failed && (
          <span role="alert" className="text-red-600 dark:text-red-400">
            The recording link expired; getting a new one…
          </span>
        )}
      </div>
      {/* biome-ignore lint/a11y/useMediaCaption: the transcript below is the call's text */}
      <audio
        ref={audio}
        src={src}
        preload="metadata"
        className="hidden"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
        onLoadedMetadata={(event) => {
          const element = event.currentTarget;
          if (Number.isFinite(element.duration)) setDuration(element.duration);
          if (resumeAt.current) element.currentTime = resumeAt.current;
          resumeAt.current = 0;
        }}
        onError={(event) => {
          resumeAt.current = event.currentTarget.currentTime || time;
          setFailed(true);
          onLinkExpired();
        }}
      />
    </div>
  );
}

function Waveform({
  levels,
  progress,
}: {
  levels: ReturnType<typeof useRecordingLevels>;
  progress: number;
}) {
  if (levels.status === 'loading') {
    return (
      <div className="absolute inset-2 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
    );
  }
  if (levels.status === 'failed') {
    return (
      <div className="absolute inset-0 flex items-center px-3 text-xs text-slate-500 dark:text-slate-400">
        <div className="h-0.5 w-full rounded bg-slate-300 dark:bg-slate-700">
          <div className="h-full rounded bg-blue-500" style={{ width: `${progress * 100}%` }} />
        </div>
      </div>
    );
  }
  const { agent, caller } = levels.levels;
  const played = Math.round(progress * BARS);
  return (
    <svg
      className="absolute inset-0 size-full"
      viewBox={`0 0 ${BARS * 3} 40`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {agent.map((level, i) => {
        const height = Math.max(0.5, level * 18);
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: bars are positions on the timeline
            key={`a${i}`}
            x={i * 3 + 0.5}
            y={20 - height}
            width={2}
            height={height}
            className={i < played ? 'fill-blue-500' : 'fill-blue-300 dark:fill-blue-800'}
          />
        );
      })}
      {caller.map((level, i) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: bars are positions on the timeline
          key={`c${i}`}
          x={i * 3 + 0.5}
          y={20}
          width={2}
          height={Math.max(0.5, level * 18)}
          className={i < played ? 'fill-emerald-500' : 'fill-emerald-300 dark:fill-emerald-800'}
        />
      ))}
      <rect x={progress * BARS * 3} y={0} width={0.6} height={40} className="fill-slate-500" />
    </svg>
  );
}
