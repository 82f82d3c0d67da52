// The Phoenix protocol is the server package's; the sandbox speaks it through the same module.
export * from '../server/src/realtime/phoenix.js';
