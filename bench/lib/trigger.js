'use strict';
// Detection latency through the trigger: filled in once nodes/MinimaxTrigger lands.
async function triggerLatency() {
	return { skipped: 'trigger not wired yet' };
}
module.exports = { triggerLatency };
