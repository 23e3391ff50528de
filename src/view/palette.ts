/**
 * Colours and shapes for protocols: a colour-blind-safe palette (Okabe & Ito, 2008) and, because
 * colour alone is not enough, a distinct symbol shape per protocol and a dash pattern per link state.
 */
import { scaleOrdinal } from 'd3-scale';
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3-shape';
import type { Proto } from '../sim/kernel/trace';
import type { Category } from './protocols';

/** OKABE_ITO: the eight colours of the Okabe–Ito palette, distinguishable in all common colour-vision deficiencies. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

const CATEGORY_ORDER: Category[] = ['smtp', 'dns', 'tls', 'imap', 'pop3', 'tcp', 'mail'];

/** categoryColour maps an event category to its colour. */
export const categoryColour = scaleOrdinal<Category, string>()
  .domain(CATEGORY_ORDER)
  .range([OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.bluishGreen, OKABE_ITO.vermillion, '#6E6E6E', OKABE_ITO.black]);

/** protoCategory maps a packet protocol onto its category (LMTP is drawn as SMTP, which it is a dialect of). */
export function protoCategory(p: Proto): Category {
  return p === 'lmtp' ? 'smtp' : p;
}

/** protoColour gives the colour a packet of this protocol is drawn in. */
export function protoColour(p: Proto): string {
  return categoryColour(protoCategory(p));
}

const SHAPES: Record<Category, SymbolType> = {
  smtp: symbolCircle,
  dns: symbolDiamond,
  tls: symbolSquare,
  imap: symbolStar,
  pop3: symbolTriangle,
  tcp: symbolCross,
  mail: symbolWye,
};

/** PACKET_SIZE: area in square units of a packet symbol (large enough to read on a projector). */
export const PACKET_SIZE = 260;

/** categoryShape returns an SVG path, centred on 0,0, for the category's symbol. */
export function categoryShape(c: Category, size = PACKET_SIZE): string {
  return symbol(SHAPES[c], size)() ?? '';
}

/** LINK_DASH: dash arrays for link states, so a cut link differs by pattern, not colour alone. */
export const LINK_DASH = { up: '', down: '6 6', lossy: '2 4' } as const;
