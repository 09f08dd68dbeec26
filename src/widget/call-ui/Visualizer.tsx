import { useEffect, useRef } from 'preact/hooks';
import type { AudioLevels, CallController } from '../call/call-types';
import { drawOrb, drawWave, type Palette } from './draw';

type VisualizerProps = { controller: CallController; style: 'wave' | 'orb' };

/** Eases levels toward the newest reading so the drawing does not jitter. */
const EASING = 0.25;

/** The animated picture of the call; decorative, the speaking text says the same. */
export function Visualizer({ controller, style }: VisualizerProps) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const draw = style === 'wave' ? drawWave : drawOrb;
    const css = getComputedStyle(element);
    const palette: Palette = {
      agent: css.getPropertyValue('--bz-call').trim() || '#16a34a',
      caller: css.getPropertyValue('--bz-primary').trim() || '#2563eb',
    };
    const target: AudioLevels = { caller: 0, agent: 0 };
    const shown: AudioLevels = { caller: 0, agent: 0 };
    const still = matchMedia('(prefers-reduced-motion: reduce)');

    const resize = () => {
      const ratio = window.devicePixelRatio || 1;
      element.width = Math.round(element.clientWidth * ratio);
      element.height = Math.round(element.clientHeight * ratio);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      if (still.matches) draw(ctx, element.clientWidth, element.clientHeight, shown, 0, palette);
    };
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    resize();

    let frame = 0;
    const tick = (now: number) => {
      shown.caller += (target.caller - shown.caller) * EASING;
      shown.agent += (target.agent - shown.agent) * EASING;
      draw(ctx, element.clientWidth, element.clientHeight, shown, now, palette);
      frame = requestAnimationFrame(tick);
    };
    if (!still.matches) frame = requestAnimationFrame(tick);
    const offLevels = controller.on('levels', (levels) => {
      target.caller = levels.caller;
      target.agent = levels.agent;
    });
    return () => {
      offLevels();
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [controller, style]);

  return (
    <div class="bz-visualizer" aria-hidden="true">
      <canvas ref={canvas} data-style={style} />
    </div>
  );
}
