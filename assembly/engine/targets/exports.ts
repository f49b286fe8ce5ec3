// Exports of the targets part of the engine (see ../index.ts).
export {};
