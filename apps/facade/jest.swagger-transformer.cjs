// Runs the Nest Swagger CLI plugin under ts-jest (webpack runs it in the build), so tests see the same
// OpenAPI document as the build.
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-plugin',
  // Bump to invalidate ts-jest's cache when the plugin options change.
  version: 1,
  factory(tsCompiler) {
    return plugin.before({ classValidatorShim: true, introspectComments: true }, tsCompiler.program);
  },
};
