'use strict';
// Static-ish payloads whose shapes come from the vendor docs (https://useapi.net/docs/api-minimax-v1/post-minimax-accounts-account,
// get-minimax-features, get-minimax-videos-agent-templates, get-minimax-videos-characters).

function accountObject(acct) {
	const iat = 1732266598.864;
	const exp = iat + 30 * 86400;
	const obj = {
		account: acct.account,
		jwt: {
			token: 'eyJ…secured…xyz',
			user: {
				deviceID: '123456789',
				id: acct.account,
				isAnonymous: false,
				name: `Sim ${acct.account}`,
				avatar: 'https://cdn.hailuoai.video/avatar.png',
			},
			exp,
			iat,
			host: 'hailuoai.video',
			searchParams: `device_platform=web&app_id=3001&version_code=22201&device_id=123456789&os_name=Windows&browser_name=chrome&unix=${Math.round(iat * 1000)}`,
			iat_Issued: new Date(iat * 1000).toISOString(),
			exp_Expire: new Date(exp * 1000).toISOString(),
		},
		maxJobs: acct.maxJobs,
		supportVideo: true,
		supportChat: false,
		supportAudio: acct.supportAudio,
	};
	if (acct.onHold) obj.error = `Account ${acct.account} is on hold`;
	return obj;
}

function features(acct) {
	const credits = acct.outOfCredits ? 0 : acct.paid ? 4500 : 100;
	return {
		privilegeType: acct.paid ? 1 : 0,
		totalCredits: credits,
		expireText: acct.paid ? '' : `${credits} points will expire within 24 hours`,
		videoCost: 30,
		queueLength: acct.queueLimit !== undefined ? acct.queueLimit : acct.paid ? 5 : 3,
		memberText: acct.paid ? 'Manage' : 'Subscribe',
		memberHoverText: '',
		expireTime: 0,
		isNewUser: false,
		questionText: '',
		trialExpireTime: 0,
		trialText: 0,
		memberName: acct.paid ? 'Standard' : 'Free',
		newUserVersion: 0,
		creditExpireText: [{ credit: credits, endTime: 1748735999999 }],
		modelControl: [
			{
				modelId: 'image-01',
				videoCost: 1,
				isMember: !!acct.paid,
				freeCount: 0,
				durations: [],
				resolutions: [],
				modes: [],
				videoCosts: [],
			},
			{
				modelId: '23000',
				videoCost: 30,
				isMember: !!acct.paid,
				freeCount: 0,
				durations: [],
				resolutions: [],
				modes: [],
				videoCosts: [],
			},
		],
		supportModes: [],
		imageQueueLength: 5,
	};
}

const TEMPLATE_DEFS = [
	['1122334455667701', 'Dance Party', 'image', 10],
	['1122334455667702', 'Hug Moment', 'image', 6],
	['1122334455667703', 'Product Spin', 'image', 8],
	['1122334455667704', 'Story Teller', 'text', 12],
	['1122334455667705', 'Cinematic Trailer', 'text+image', 15],
	['1122334455667706', 'Pet Adventure', 'image', 6],
];

function templates(base) {
	return TEMPLATE_DEFS.map(([id, name, input, duration], i) => ({
		id,
		createTime: 1702953600000 + i * 86400000,
		videoAsset: {
			id: `video_asset_${id}`,
			desc: `${name} template`,
			coverURL: `${base}/cdn/cover/${id}.png`,
			videoURL: `${base}/cdn/template/${id}.mp4`,
			status: 2,
			width: 1280,
			height: 720,
			duration,
			resolution: 1,
			title: name,
			agentTemplateID: id,
			agentTemplateName: name,
			downloadURL: `${base}/cdn/template/${id}.mp4`,
			hasVoice: i % 2 === 0,
			modelID: '23000',
			aspectRatio: '16:9',
			tags: [{ type: 'style', tagIcon: '', tagText: 'Cinematic' }],
			userIDStr: '123456',
		},
		like: { likes: 40 + i, likeStatus: 0 },
		author: { userID: 'user123', name: 'MiniMax', avatar: `${base}/cdn/cover/avatar.png` },
		cardType: 1,
		tabID: 'template',
		// [gap] detail shape; we expose the inputs the template needs.
		inputs: { prompt: input.includes('text'), image: input.includes('image') },
	}));
}

/** A list entry as GET /videos/agent-templates prints it (the simulator's own `inputs` left out). */
function templateListEntry(t) {
	return Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'inputs'));
}

function templateDetail(t) {
	return {
		id: t.id,
		name: t.videoAsset.agentTemplateName,
		desc: t.videoAsset.desc,
		duration: t.videoAsset.duration,
		coverURL: t.videoAsset.coverURL,
		videoURL: t.videoAsset.videoURL,
		needPrompt: t.inputs.prompt,
		needImage: t.inputs.image,
		inputs: [
			...(t.inputs.image ? [{ type: 'image', name: 'fileID', required: true }] : []),
			...(t.inputs.prompt
				? [{ type: 'text', name: 'prompt', required: true, maxLength: 2000 }]
				: []),
		],
		videoAsset: t.videoAsset,
	};
}

module.exports = { accountObject, features, templates, templateDetail, templateListEntry };
