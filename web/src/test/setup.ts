import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Each test starts from an empty page and the real fetch.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
