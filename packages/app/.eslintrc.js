module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The browser tests run in Node with its test runner; Node 24 lists
      // `node:test` among the built-ins a frontend package may not import.
      files: ['e2e/**'],
      rules: { 'no-restricted-imports': 'off' },
    },
  ],
});
