// Not written yet.
export {};
