import { useRef, useState } from 'preact/hooks';
import { Icon } from '../ui/Icon';
import { icons } from '../ui/icons';

type Saving = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string };

/**
 * Five native radio buttons drawn as stars: arrow keys move the choice, and
 * each choice is saved; a choice made while one is saving is sent after it.
 */
export function StarRating({ onRate }: { onRate(stars: number): Promise<void> }) {
  const [value, setValue] = useState(0);
  const [hovered, setHovered] = useState(0);
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });
  const queue = useRef<{ running: boolean; next: number | null }>({ running: false, next: null });

  const choose = async (stars: number) => {
    setValue(stars);
    queue.current.next = stars;
    if (queue.current.running) return;
    queue.current.running = true;
    setSaving({ status: 'saving' });
    while (queue.current.next !== null) {
      const sending = queue.current.next;
      queue.current.next = null;
      try {
        await onRate(sending);
        setSaving({ status: 'saved' });
      } catch (error) {
        setSaving({ status: 'error', message: (error as Error).message || 'Could not save.' });
      }
    }
    queue.current.running = false;
  };

  const lit = hovered || value;
  return (
    <fieldset class="bz-rating" onMouseLeave={() => setHovered(0)}>
      <legend>How was your call?</legend>
      <div class="bz-stars">
        {[1, 2, 3, 4, 5].map((stars) => (
          <label key={stars} data-lit={stars <= lit} onMouseEnter={() => setHovered(stars)}>
            <input
              type="radio"
              name="bz-rating"
              value={stars}
              checked={value === stars}
              onChange={() => void choose(stars)}
            />
            <Icon paths={icons.star} size={28} />
            <span class="bz-sr-only">
              {stars} {stars === 1 ? 'star' : 'stars'}
            </span>
          </label>
        ))}
      </div>
      <p class="bz-rating-status" role="status">
        {saving.status === 'saved' && 'Thanks for your feedback!'}
        {saving.status === 'error' && saving.message}
      </p>
    </fieldset>
  );
}
