export const CREDENTIAL_TYPE = 'useApiMinimaxApi';
export const API_PREFIX = '/v1/minimax';
export const DEFAULT_BASE_URL = 'https://api.useapi.net';
