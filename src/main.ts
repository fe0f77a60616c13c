// Composition root; filled in by the walking skeleton.
export {};
