module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // supertest's request(...).expect(status) asserts too.
    'jest/expect-expect': ['warn', { assertFunctionNames: ['expect', 'request.**.expect'] }],
  },
});
