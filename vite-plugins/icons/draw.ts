// The app icon, drawn in code so it can be regenerated without any tool or network: five
// white bars decaying geometrically (an adstock kernel — what "carry-over" means) on the
// studio's accent blue (#0b5cad, src/app/styles/global.css --accent).
//
// Two variants (W3C Web App Manifest, "purpose" member): 'any' is a rounded square on a
// transparent background; 'maskable' fills the whole square and keeps the bars inside the
// safe zone, the centred circle of radius 40% of the size (W3C Web App Manifest,
// "Icon masks" / safe zone) that every platform mask leaves visible.

export type IconVariant = 'any' | 'maskable';

export const ACCENT: readonly [number, number, number] = [0x0b, 0x5c, 0xad];
const WHITE: readonly [number, number, number] = [0xff, 0xff, 0xff];
/** Bar heights relative to the first: geometric decay with rate 0.6. */
export const BAR_DECAY = 0.6;
const BARS = 5;
/** Gap between bars as a fraction of a bar's width. */
const GAP = 0.35;
/** Samples per pixel side for anti-aliasing (4 × 4 = 16 per pixel). */
const SS = 4;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The bars' bounding box in unit coordinates (0..1, y down). */
export function contentBox(variant: IconVariant): Box {
  const any = { left: 0.2, right: 0.8, top: 0.24, bottom: 0.76 };
  if (variant === 'any') return any;
  // Shrunk by 0.7 about the centre: the box's corners stay ~0.28 from the centre, inside 0.4.
  const k = 0.7;
  const s = (v: number) => 0.5 + (v - 0.5) * k;
  return { left: s(any.left), right: s(any.right), top: s(any.top), bottom: s(any.bottom) };
}

function inRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= radius * radius;
}

function inBars(x: number, y: number, box: Box): boolean {
  if (x < box.left || x > box.right || y > box.bottom) return false;
  const width = (box.right - box.left) / (BARS + (BARS - 1) * GAP);
  const pitch = width * (1 + GAP);
  const k = Math.floor((x - box.left) / pitch);
  if (k >= BARS || x - box.left - k * pitch > width) return false;
  const height = (box.bottom - box.top) * BAR_DECAY ** k;
  return y >= box.bottom - height;
}

/** Colour and coverage of one sample point. */
function sample(x: number, y: number, variant: IconVariant, box: Box): readonly [number, number, number] | null {
  if (variant === 'any' && !inRoundedSquare(x, y, 0.2)) return null;
  return inBars(x, y, box) ? WHITE : ACCENT;
}

/** The icon as RGBA bytes (size × size × 4, straight alpha), 16 samples per pixel. */
export function drawIcon(size: number, variant: IconVariant): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const box = contentBox(variant);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = sample((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, variant, box);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered === 0) continue; // transparent black
      out[i] = Math.round(r / covered);
      out[i + 1] = Math.round(g / covered);
      out[i + 2] = Math.round(b / covered);
      out[i + 3] = Math.round((255 * covered) / (SS * SS));
    }
  }
  return out;
}

/** The files public/icons holds, with the manifest's purpose of each. */
export const ICONS = [
  { file: 'icon-192.png', size: 192, variant: 'any' },
  { file: 'icon-512.png', size: 512, variant: 'any' },
  { file: 'maskable-192.png', size: 192, variant: 'maskable' },
  { file: 'maskable-512.png', size: 512, variant: 'maskable' },
  // iOS ignores the manifest's icons and rounds this one itself: a full-bleed square.
  { file: 'apple-touch-icon.png', size: 180, variant: 'maskable' },
] as const satisfies ReadonlyArray<{ file: string; size: number; variant: IconVariant }>;
