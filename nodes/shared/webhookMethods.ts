/**
 * useapi has no API to register a callback URL: the URL goes into each create request (replyUrl),
 * and n8n never registers restartWebhook webhooks. So there is nothing to check, create or delete
 * remotely; the lifecycle the community lint rule asks for is a set of no-ops.
 */
export const noRemoteWebhook = {
	default: {
		async checkExists(): Promise<boolean> {
			return true;
		},
		async create(): Promise<boolean> {
			return true;
		},
		async delete(): Promise<boolean> {
			return true;
		},
	},
};
