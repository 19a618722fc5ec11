#!/usr/bin/env node
'use strict';
/**
 * Builds the Teams app package (manifest.json + color.png + outline.png in one .zip) to sideload or
 * upload to the Teams admin center.
 *
 *   MICROSOFT_APP_ID=<bot app id> npm run teams:package [-- --out FILE]
 *
 * Placeholders ${{NAME}} in manifest.json come from the environment: MICROSOFT_APP_ID (required),
 * TEAMS_APP_ID (default: the bot's app id), TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL,
 * TEAMS_PRIVACY_URL, TEAMS_TERMS_URL.
 */
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const { readPngHeader } = require('./png');
const { zip } = require('./zip');

const DIR = join(__dirname, '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_URL = 'https://example.com/cloudops';

class PackageError extends Error {}

function placeholders(env) {
  const appId = (env.MICROSOFT_APP_ID || '').trim();
  if (!appId) throw new PackageError('MICROSOFT_APP_ID is not set: set it to the bot\'s Microsoft App ID (Azure portal > your Azure Bot > Configuration), e.g. MICROSOFT_APP_ID=... npm run teams:package');
  if (!GUID.test(appId)) throw new PackageError(`MICROSOFT_APP_ID "${appId}" is not a GUID; copy the Microsoft App ID from the Azure Bot's Configuration page.`);
  const teamsAppId = (env.TEAMS_APP_ID || appId).trim();
  if (!GUID.test(teamsAppId)) throw new PackageError(`TEAMS_APP_ID "${teamsAppId}" is not a GUID; leave it unset to reuse the bot's app id.`);
  return {
    // The package version follows the bot's (Teams wants it raised for every update of the app).
    APP_VERSION: require('../../../package.json').version,
    MICROSOFT_APP_ID: appId,
    TEAMS_APP_ID: teamsAppId,
    TEAMS_DEVELOPER_NAME: env.TEAMS_DEVELOPER_NAME || 'CloudOps',
    TEAMS_WEBSITE_URL: env.TEAMS_WEBSITE_URL || DEFAULT_URL,
    TEAMS_PRIVACY_URL: env.TEAMS_PRIVACY_URL || env.TEAMS_WEBSITE_URL || DEFAULT_URL,
    TEAMS_TERMS_URL: env.TEAMS_TERMS_URL || env.TEAMS_WEBSITE_URL || DEFAULT_URL,
  };
}

/** The checks Teams applies on upload that are cheap to apply here first, with the fix in the message. */
function check(manifest, icons) {
  const problems = [];
  const left = JSON.stringify(manifest).match(/\$\{\{[A-Z_]+\}\}/g);
  if (left) problems.push(`unfilled placeholders: ${[...new Set(left)].join(', ')}`);
  if (manifest.name.short.length > 30) problems.push('name.short is longer than 30 characters');
  if (manifest.description.short.length > 80) problems.push('description.short is longer than 80 characters');
  if (manifest.description.full.length > 4000) problems.push('description.full is longer than 4000 characters');
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) if (!/^https:\/\//.test(manifest.developer[key])) problems.push(`developer.${key} must be an https:// URL`);
  for (const bot of manifest.bots) {
    for (const list of bot.commandLists ?? []) {
      if (list.commands.length > 10) problems.push('a command list has more than 10 commands');
      for (const c of list.commands) {
        if (c.title.length > 32) problems.push(`command "${c.title}": title longer than 32 characters`);
        if (c.description.length > 128) problems.push(`command "${c.title}": description longer than 128 characters`);
      }
    }
  }
  const want = { [manifest.icons.color]: 192, [manifest.icons.outline]: 32 };
  for (const [name, size] of Object.entries(want)) {
    const h = readPngHeader(icons[name]);
    if (h.width !== size || h.height !== size) problems.push(`${name} is ${h.width}x${h.height}; Teams wants ${size}x${size} (run npm run teams:icons)`);
  }
  if (problems.length) throw new PackageError(`the Teams app package would be rejected:\n  - ${problems.join('\n  - ')}`);
}

/** The package as bytes, and the filled-in manifest. */
function buildPackage(env = process.env, dir = DIR) {
  const values = placeholders(env);
  const text = readFileSync(join(dir, 'manifest.json'), 'utf8').replace(/\$\{\{([A-Z_]+)\}\}/g, (m, name) => (name in values ? values[name] : m));
  const manifest = JSON.parse(text);
  const icons = { [manifest.icons.color]: readFileSync(join(dir, manifest.icons.color)), [manifest.icons.outline]: readFileSync(join(dir, manifest.icons.outline)) };
  check(manifest, icons);
  const entries = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...Object.entries(icons).map(([name, data]) => ({ name, data }))];
  return { zip: zip(entries), manifest };
}

function main(argv) {
  const outIndex = argv.indexOf('--out');
  const out = resolve(outIndex >= 0 ? argv[outIndex + 1] : join(DIR, '..', '..', 'dist', 'teams', 'cloudops-teams-app.zip'));
  try {
    const { zip: bytes, manifest } = buildPackage(process.env);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    const defaults = ['TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL'].filter((k) => !process.env[k] && !process.env.TEAMS_WEBSITE_URL);
    process.stdout.write(`wrote ${out} (${bytes.length} bytes): ${manifest.name.short} ${manifest.version}, app ${manifest.id}, bot ${manifest.bots[0].botId}\n`);
    if (defaults.length) process.stdout.write(`note: ${defaults.join(', ')} not set; the package uses ${DEFAULT_URL} (fine for sideloading, set your own before publishing)\n`);
    process.stdout.write('Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.\n');
  } catch (e) {
    process.stderr.write(`teams:package: ${e.message}\n`);
    process.exitCode = e instanceof PackageError ? 2 : 1;
  }
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { buildPackage, PackageError };
