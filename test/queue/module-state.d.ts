export function nodeSources(): Array<{ name: string; text: string }>;
export function findings(name: string, text: string, all: string): string[];
