// Exports of the mmm part of the engine (see ../index.ts).
export {};
