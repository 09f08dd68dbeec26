import type { AudioLevels } from '../call/call-types';

export type Palette = { agent: string; caller: string };

/** RMS of speech rarely passes 0.3: a square root spreads it over the drawing's range. */
export const visible = (level: number) => Math.min(1, Math.sqrt(Math.max(0, level)) * 1.6);

/**
 * Two layered waves across the canvas, the agent's and the caller's, each as
 * tall as that side's level; `timeMs` moves them (0 = a still picture).
 */
export function drawWave(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  levels: AudioLevels,
  timeMs: number,
  palette: Palette,
): void {
  ctx.clearRect(0, 0, width, height);
  const middle = height / 2;
  const layers = [
    { level: levels.caller, color: palette.caller, speed: 0.0021, cycles: 2.2, alpha: 0.55 },
    { level: levels.agent, color: palette.agent, speed: 0.0032, cycles: 1.6, alpha: 0.9 },
  ];
  for (const layer of layers) {
    const amplitude = 3 + visible(layer.level) * (middle - 6);
    ctx.beginPath();
    for (let x = 0; x <= width; x += 2) {
      const along = x / width;
      // Tapered at both ends so the wave seems to come out of a line.
      const taper = Math.sin(Math.PI * along);
      const y =
        middle +
        Math.sin(along * Math.PI * 2 * layer.cycles + timeMs * layer.speed) * amplitude * taper;
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.globalAlpha = layer.alpha;
    ctx.strokeStyle = layer.color;
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** A glowing orb that swells with the agent's voice, ringed by a halo for the caller's. */
export function drawOrb(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  levels: AudioLevels,
  timeMs: number,
  palette: Palette,
): void {
  ctx.clearRect(0, 0, width, height);
  const cx = width / 2;
  const cy = height / 2;
  const base = Math.min(width, height) * 0.26;
  const breathing = timeMs === 0 ? 0 : Math.sin(timeMs * 0.002) * 0.03;
  const radius = base * (1 + breathing + visible(levels.agent) * 0.32);

  const halo = base * (1.25 + visible(levels.caller) * 0.45);
  ctx.globalAlpha = 0.18 + visible(levels.caller) * 0.3;
  ctx.fillStyle = palette.caller;
  ctx.beginPath();
  ctx.arc(cx, cy, halo, 0, Math.PI * 2);
  ctx.fill();

  const glow = ctx.createRadialGradient(
    cx - radius * 0.3,
    cy - radius * 0.35,
    radius * 0.1,
    cx,
    cy,
    radius,
  );
  glow.addColorStop(0, '#ffffff');
  glow.addColorStop(0.25, palette.agent);
  glow.addColorStop(1, palette.agent);
  ctx.globalAlpha = 1;
  ctx.fillStyle = glow;
  ctx.beginPath();
  ctx.arc(cx, cy, radius, 0, Math.PI * 2);
  ctx.fill();
}
