import { useState } from 'preact/hooks';
import { Icon } from '../ui/Icon';
import { icons } from '../ui/icons';

type Saving = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string };

/**
 * Five native radio buttons drawn as stars (arrow keys move the choice) and a
 * Send button: the server keeps only the first rating, so the choice is sent
 * once, when the caller decides, and the stars lock after it is saved.
 */
export function StarRating({ onRate }: { onRate(stars: number): Promise<void> }) {
  const [value, setValue] = useState(0);
  const [hovered, setHovered] = useState(0);
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });
  const locked = saving.status === 'saving' || saving.status === 'saved';

  const send = async () => {
    if (value === 0 || locked) return;
    setSaving({ status: 'saving' });
    try {
      await onRate(value);
      setSaving({ status: 'saved' });
    } catch (error) {
      setSaving({ status: 'error', message: (error as Error).message || 'Could not save.' });
    }
  };

  const lit = (!locked && hovered) || value;
  return (
    <fieldset class="bz-rating" disabled={locked} onMouseLeave={() => setHovered(0)}>
      <legend>How was your call?</legend>
      <div class="bz-stars">
        {[1, 2, 3, 4, 5].map((stars) => (
          <label key={stars} data-lit={stars <= lit} onMouseEnter={() => setHovered(stars)}>
            <input
              type="radio"
              name="bz-rating"
              value={stars}
              checked={value === stars}
              onChange={() => setValue(stars)}
            />
            <Icon paths={icons.star} size={28} />
            <span class="bz-sr-only">
              {stars} {stars === 1 ? 'star' : 'stars'}
            </span>
          </label>
        ))}
      </div>
      {value > 0 && saving.status !== 'saved' && (
        <button
          type="button"
          class="bz-button bz-rating-send"
          data-tone="secondary"
          onClick={() => void send()}
        >
          Send rating
        </button>
      )}
      <p class="bz-rating-status" role="status">
        {saving.status === 'saved' && 'Thanks for your feedback!'}
        {saving.status === 'error' && saving.message}
      </p>
    </fieldset>
  );
}
