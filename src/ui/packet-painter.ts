/**
 * PacketPainter: draws the packets in flight onto a canvas laid over the network SVG. Hundreds of
 * moving SVG elements would make the browser repaint the whole drawing every frame; a canvas
 * repaints only itself. Same shapes and colours as the SVG legend; encrypted packets hatched
 * with a lock.
 */
import { CATEGORIES, categoryColour, categoryShape, type Category } from '../view';

/** PaintedPacket: one packet to draw, in layout coordinates. */
export interface PaintedPacket {
  key: number;
  x: number;
  y: number;
  cat: Category;
  tls: boolean;
}

/** PacketCaption: the text shown beside a packet, in layout coordinates of the packet. */
export interface PacketCaption {
  x: number;
  y: number;
  text: string;
  tls: boolean;
}

/** Viewport: how layout coordinates map to the canvas (viewBox fit, then the zoom transform). */
export interface Viewport {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Layout (viewBox) size. */
  layoutWidth: number;
  layoutHeight: number;
  /** d3-zoom transform. */
  k: number;
  x: number;
  y: number;
}

const LOCK = new Path2D('M3 7 H13 V15 H3 Z M5 7 V5 A3 3 0 0 1 11 5 V7 H9.5 V5 A1.5 1.5 0 0 0 6.5 5 V7 Z');

/** layoutToScreen returns the affine map (scale, offset) from layout units to CSS pixels. */
export function layoutToScreen(v: Viewport): { scale: number; dx: number; dy: number } {
  const s = Math.min(v.width / v.layoutWidth, v.height / v.layoutHeight);
  const ox = (v.width - v.layoutWidth * s) / 2;
  const oy = (v.height - v.layoutHeight * s) / 2;
  return { scale: s * v.k, dx: ox + s * v.x, dy: oy + s * v.y };
}

/** PacketPainter: keeps the canvas paths and pattern, paints a frame. */
export class PacketPainter {
  private readonly shapes = new Map<Category, Path2D>(CATEGORIES.map((c) => [c, new Path2D(categoryShape(c))]));
  private hatch: CanvasPattern | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  private pattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
    if (this.hatch) return this.hatch;
    const tile = document.createElement('canvas');
    tile.width = tile.height = 6;
    const t = tile.getContext('2d');
    if (!t) return null;
    t.strokeStyle = '#fff';
    t.lineWidth = 1.6;
    t.beginPath();
    t.moveTo(-1, 7);
    t.lineTo(7, -1);
    t.stroke();
    this.hatch = ctx.createPattern(tile, 'repeat');
    return this.hatch;
  }

  /**
   * paint clears the canvas and draws the packets, a ring around the one keyed `ringed`, and
   * caption boxes beside the packets listed in `labels`.
   */
  paint(packets: readonly PaintedPacket[], view: Viewport, ringed = -1, labels: readonly PacketCaption[] = []): void {
    const dpr = globalThis.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(view.width * dpr));
    const h = Math.max(1, Math.round(view.height * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    const ctx = this.canvas.getContext('2d', { desynchronized: true, alpha: true });
    if (!ctx) return;
    // A plain property, not an attribute: changing an attribute every frame would restyle the page.
    (this.canvas as HTMLCanvasElement & { paintedPackets?: number }).paintedPackets = packets.length;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!packets.length) return;
    const { scale, dx, dy } = layoutToScreen(view);
    const hatch = this.pattern(ctx);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#111';
    for (const c of CATEGORIES) {
      const shape = this.shapes.get(c)!;
      ctx.fillStyle = categoryColour(c);
      for (const p of packets) {
        if (p.cat !== c) continue;
        ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * (dx + p.x * scale), dpr * (dy + p.y * scale));
        ctx.fill(shape);
        ctx.stroke(shape);
      }
    }
    for (const p of packets) {
      if (p.key !== ringed) continue;
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * (dx + p.x * scale), dpr * (dy + p.y * scale));
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(0, 0, 16, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.lineWidth = 1.5;
    }
    for (const p of packets) {
      if (!p.tls) continue;
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * (dx + p.x * scale), dpr * (dy + p.y * scale));
      if (hatch) {
        ctx.fillStyle = hatch;
        ctx.fill(this.shapes.get(p.cat)!);
      }
      ctx.translate(5, -19);
      ctx.scale(12 / 16, 14 / 16);
      ctx.fillStyle = '#111';
      ctx.fill(LOCK, 'evenodd');
    }
    if (labels.length) this.captions(ctx, labels, dpr, scale, dx, dy);
  }

  private captions(ctx: CanvasRenderingContext2D, labels: readonly PacketCaption[], dpr: number, scale: number, dx: number, dy: number): void {
    ctx.font = "13px ui-monospace, 'DejaVu Sans Mono', monospace";
    ctx.textBaseline = 'middle';
    const placed: { x: number; y: number; w: number }[] = [];
    for (const l of labels) {
      const lockW = l.tls ? 16 : 0;
      const w = ctx.measureText(l.text).width + 14 + lockW;
      // Captions of packets close together would overlap: move each down until it is free.
      let y = l.y;
      for (let tries = 0; tries < 8 && placed.some((p) => Math.abs(p.y - y) < 26 && l.x + w > p.x && p.x + p.w > l.x); tries++) y += 26;
      placed.push({ x: l.x, y, w });
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * (dx + l.x * scale), dpr * (dy + y * scale));
      ctx.fillStyle = 'rgba(255,255,255,0.94)';
      ctx.strokeStyle = l.tls ? '#CC79A7' : '#333';
      ctx.lineWidth = l.tls ? 2 : 1;
      ctx.setLineDash(l.tls ? [4, 2] : []);
      ctx.beginPath();
      ctx.roundRect(16, 14, w, 24, 4);
      ctx.fill();
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#111';
      ctx.fillText(l.text, 16 + 7 + lockW, 26);
      if (l.tls) {
        ctx.translate(22, 19);
        ctx.scale(12 / 16, 14 / 16);
        ctx.fill(LOCK, 'evenodd');
      }
    }
  }
}
