import { Play, Square } from 'lucide-react';
import { Button } from '../../../components/ui/Button';
import { useVoicePreview } from './use-voice-preview';

type VoicePreviewButtonProps = {
  modelId: string;
  voice: string;
  voiceLabel: string;
  /** Why there is no preview; the button is disabled then. */
  unavailableReason: string | null;
};

/** ▶ Preview for the selected voice, and the reason when the server cannot speak it. */
export function VoicePreviewButton({
  modelId,
  voice,
  voiceLabel,
  unavailableReason,
}: VoicePreviewButtonProps) {
  const preview = useVoicePreview();
  const { status } = preview.state;
  return (
    <>
      {status === 'playing' ? (
        <Button aria-label={`Stop the preview of ${voiceLabel}`} onClick={preview.stop}>
          <Square className="size-3.5" aria-hidden="true" />
          Stop
        </Button>
      ) : (
        <Button
          aria-label={`Preview voice ${voiceLabel}`}
          pending={status === 'loading'}
          disabled={unavailableReason !== null}
          title={unavailableReason ?? undefined}
          onClick={() => void preview.play(modelId, voice)}
        >
          {status !== 'loading' && <Play className="size-3.5" aria-hidden="true" />}
          Preview
        </Button>
      )}
      {status === 'failed' && (
        <p role="alert" className="basis-full text-xs font-medium text-red-600 dark:text-red-400">
          {preview.state.message}
        </p>
      )}
    </>
  );
}
