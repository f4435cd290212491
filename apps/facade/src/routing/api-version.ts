/** The API's one version: controllers under `/v1` declare it (URI versioning). */
export const API_VERSION = '1';
