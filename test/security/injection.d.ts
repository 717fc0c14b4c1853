export const PAYLOADS: Array<[string, string]>;
export const ACCOUNT_PAYLOADS: Array<[string, string]>;
export function fill(payload: string, valid: string): string;
