import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom does not lay out SVG; DependencyGraph measures nodes with getBBox.
Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
  value: () => ({ x: 0, y: 0, width: 196, height: 58 }),
  configurable: true,
});

// A whole tab rendered in jsdom and driven by user-event takes seconds on a
// busy two-core CI machine, past jest's 5 s default and testing-library's
// 1 s wait; every test still waits for the fact it asserts.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });
