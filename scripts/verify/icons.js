'use strict';
// icon-contrast (warn in n8n, enforced here) with the rule's own algorithm: paint colours from fill, stroke
// and stop-color (attributes, style attributes, <style> blocks), alpha blended, no fill = black, currentColor
// = black, var(--x, c) = c; images or url() paint without stops skip the icon; the best ratio must reach 1.5.
// Also icon-validation (relaxed): file: paths that exist; light and dark may be the same file.
const fs = require('fs');
const path = require('path');
const { converter, parse } = require('culori');
const { XMLParser, XMLValidator } = require('fast-xml-parser');

const MINIMUM = 1.5;
const BACKGROUNDS = {
	light: { r: 1, g: 1, b: 1 },
	dark: { r: 43 / 255, g: 43 / 255, b: 43 / 255 },
};
const toRgb = converter('rgb');
const BLACK = { mode: 'rgb', r: 0, g: 0, b: 0 };
const PAINT = new Set(['fill', 'stroke', 'stop-color']);

function parseIconColor(value) {
	const paint = value.trim();
	if (paint.toLowerCase() === 'currentcolor') return BLACK;
	if (paint.toLowerCase().startsWith('var(')) {
		const v = /^var\(\s*--[^,()]+(?:,\s*(.+))?\)$/is.exec(paint);
		return v ? parseIconColor(v[1] ?? '#000') : undefined;
	}
	return toRgb(parse(paint));
}

function luminance(c) {
	const lin = (ch) => {
		const v = Math.max(0, Math.min(1, ch));
		return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

function contrastRatio(paint, bg) {
	const a = Math.max(0, Math.min(1, paint.alpha ?? 1));
	const shown = {
		r: paint.r * a + bg.r * (1 - a),
		g: paint.g * a + bg.g * (1 - a),
		b: paint.b * a + bg.b * (1 - a),
	};
	const x = luminance(shown);
	const y = luminance(bg);
	return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The paint colours of an SVG, or null when the rule would skip it (invalid XML, images, url() without stops). */
function svgPaintColors(svg) {
	if (XMLValidator.validate(svg) !== true) return null;
	const colors = [];
	let hasFill = false;
	let hasUrl = false;
	let hasStops = false;
	let hasImage = false;
	const addPaint = (prop, value) => {
		if (!PAINT.has(prop.toLowerCase())) return;
		if (prop.toLowerCase() === 'fill') hasFill = true;
		if (/url\(/i.test(value)) hasUrl = true;
		const c = parseIconColor(value);
		if (c) colors.push(c);
	};
	const addStyle = (style) => {
		for (const m of style.matchAll(/(?:^|[;{])\s*(fill|stroke|stop-color)\s*:\s*([^;}]+)/gi))
			addPaint(m[1], m[2].trim());
	};
	const visit = (node, inStyle = false) => {
		if (Array.isArray(node)) return node.forEach((n) => visit(n, inStyle));
		if (typeof node !== 'object' || node === null) return;
		for (const [key, child] of Object.entries(node)) {
			if (key === ':@' && child && typeof child === 'object') {
				for (const [attr, v] of Object.entries(child)) {
					if (typeof v !== 'string') continue;
					const name = attr.replace(/^@_/, '').toLowerCase();
					if (name === 'style') addStyle(v);
					else addPaint(name, v);
				}
			} else if (key === '#text' && inStyle && typeof child === 'string') {
				addStyle(child);
			} else {
				const tag = key.split(':').pop().toLowerCase();
				if (tag === 'image') hasImage = true;
				if (tag === 'stop') hasStops = true;
				visit(child, inStyle || tag === 'style');
			}
		}
	};
	visit(
		new XMLParser({
			preserveOrder: true,
			ignoreAttributes: false,
			trimValues: false,
			cdataPropName: '#cdata',
		}).parse(svg),
	);
	if (hasImage || (hasUrl && !hasStops)) return null;
	if (!hasFill) colors.push(BLACK);
	return colors.length ? colors : null;
}

/** Best contrast of an SVG on a theme's background, or null when the rule skips it. */
function bestRatio(svg, theme) {
	const colors = svgPaintColors(svg);
	return colors ? Math.max(...colors.map((c) => contrastRatio(c, BACKGROUNDS[theme]))) : null;
}

/**
 * Checks a description's `icon` (string or {light, dark}) relative to `dir`. `everyTheme` also checks each file
 * on the other theme's background (stricter than n8n: an icon pair stays readable if a theme falls back).
 */
function checkIcon(icon, dir, { everyTheme = true } = {}) {
	const out = [];
	const pair = icon && typeof icon === 'object';
	if (
		!(
			typeof icon === 'string' ||
			(pair && typeof icon.light === 'string' && typeof icon.dark === 'string')
		)
	) {
		return [
			{
				rule: 'icon-validation',
				severity: 'error',
				message: 'icon must be a file: path or a {light, dark} pair of them',
			},
		];
	}
	// [label, ref, themes]: a single icon shows on both themes; a pair's files on their own (or every) theme.
	const slots = pair
		? ['light', 'dark'].map((t) => [`${t} icon`, icon[t], everyTheme ? ['light', 'dark'] : [t]])
		: [['icon', icon, ['light', 'dark']]];
	for (const [label, ref, themes] of slots) {
		if (!ref.startsWith('file:')) {
			out.push({
				rule: 'icon-validation',
				severity: 'error',
				message: `${label} "${ref}" does not use file:`,
			});
			continue;
		}
		const file = path.join(dir, ref.slice(5));
		if (!fs.existsSync(file)) {
			out.push({
				rule: 'icon-validation',
				severity: 'error',
				message: `${label} ${ref} does not exist in ${dir}`,
			});
			continue;
		}
		if (!file.toLowerCase().endsWith('.svg')) continue;
		const svg = fs.readFileSync(file, 'utf8');
		if (svgPaintColors(svg) === null) {
			out.push({
				rule: 'icon-contrast',
				severity: 'warn',
				message: `${ref}: not checkable (invalid XML, an image or url() paint); use plain colours`,
			});
			continue;
		}
		for (const theme of themes) {
			const ratio = bestRatio(svg, theme);
			if (ratio < MINIMUM) {
				out.push({
					rule: 'icon-contrast',
					severity: 'warn',
					message: `${ref} (${label}) has ${ratio.toFixed(2)}:1 contrast on the ${theme} theme (${theme === 'light' ? '#ffffff' : '#2b2b2b'}), minimum ${MINIMUM}:1`,
				});
			}
		}
	}
	return out;
}

module.exports = { checkIcon, bestRatio, contrastRatio, svgPaintColors, parseIconColor, MINIMUM };
