// Exports of the nuts part of the engine (see ../index.ts).
export {};
