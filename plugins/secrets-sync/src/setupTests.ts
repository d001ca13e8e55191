import '@testing-library/jest-dom';

// jsdom does not lay out SVG; DependencyGraph measures nodes with getBBox.
Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
  value: () => ({ x: 0, y: 0, width: 196, height: 58 }),
  configurable: true,
});
