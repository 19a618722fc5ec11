import { parseConfig } from '../../../src/config';

describe('config: the slack section', () => {
  it('defaults to Socket Mode, /cloudops and one path for everything Slack posts', () => {
    expect(parseConfig({ slack: {} }).slack).toEqual({
      mode: 'socket',
      command: '/cloudops',
      host: '0.0.0.0',
      port: 3000,
      paths: { events: '/slack/events', commands: '/slack/events', interactivity: '/slack/events' },
    });
  });

  it('is left out entirely when Slack is not used', () => {
    expect(parseConfig({}).slack).toBeUndefined();
  });

  it('refuses tokens in the file: secrets come from the environment only', () => {
    expect(() => parseConfig({ slack: { botToken: 'xoxb-1' } })).toThrow(
      /`slack.botToken`: unknown key \(allowed here: mode, command, host, port, paths, apiUrl\)/,
    );
  });

  it('names the key and the allowed values when one is wrong', () => {
    expect(() => parseConfig({ slack: { mode: 'websocket' } })).toThrow('`slack.mode`: must be one of socket, http');
    expect(() => parseConfig({ slack: { command: 'cloudops' } })).toThrow('`slack.command`: a slash command like /cloudops');
    expect(() => parseConfig({ slack: { paths: { events: 'slack/events' } } })).toThrow('`slack.paths.events`: a URL path starting with /');
  });
});
