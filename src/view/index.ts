/**
 * src/view: pure functions from (world, trace, now) to what the UI draws. No DOM, no Svelte.
 * (`record-checks` is imported on its own: it pulls in the core's record checkers, which only the DNS editor needs.)
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
export * from './fault-menu';
export * from './queue-timeline';
export * from './console-transcript';
export * from './auth-explain';
export * from './hold';
