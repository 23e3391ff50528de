/**
 * src/view: pure functions from (world, trace, now) to what the UI draws. No DOM, no Svelte.
 */
export * from './protocols';
export * from './palette';
export * from './layout';
export * from './route';
export * from './packets';
export * from './playback';
export * from './clock';
export * from './transcript';
export * from './filters';
export * from './status';
export * from './message';
