'use strict';
// n8n loads the package through the "n8n" block of package.json; this entry only exists so
// `require('n8n-nodes-useapi-minimax')` resolves.
module.exports = {};
