/**
 * The admin is served by the API on the same origin (and proxied to it by the dev server),
 * so requests go to /api. The URL is made absolute because Node's fetch, under which the
 * component tests run, does not resolve relative URLs.
 */
export const API_URL = `${window.location.origin}/api`;
