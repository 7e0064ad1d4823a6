// cms-wordpress: WordPress 6.7 on PHP 8.3 php-fpm (catch_workers_output = yes), the fpm master's error log
// on stderr. The morning revision keeps fpm's decorate_workers_output (each line a worker writes becomes
// `[04-Dec-2026 10:00:00] WARNING: [pool www] child 27 said into stderr: "line"`, a fatal error's stack
// trace one decorated record per line); the afternoon one sets decorate_workers_output = no (the bare
// lines). PHP's own texts: `PHP Warning:  Undefined array key "ID" in /path on line N` (two spaces after
// the colon), `PHP Fatal error:  Uncaught Error: … in /path:N` + `Stack trace:` + `#n` frames + `  thrown in`,
// WordPress's `WordPress database error … for query … made by …`, fpm's `server reached pm.max_children`
// (panicsteve/w2wiki#18, xtr4nge/FruityWifi#108 for the PHP message shapes).
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { clf, fpmTime } from './clock.js';

const WP = '/var/www/html';

/** What one worker wrote to stderr, as fpm's master logs it (decorated) or passes it through. */
function worker(rng: Prng, t: number, rev: 0 | 1, lines: string[]): Write[] {
  if (rev === 1) return [{ stream: 'stderr', text: lines.join('\n') }];
  const child = rng.int(8, 60);
  return lines.map((l) => ({ stream: 'stderr' as const, text: `[${fpmTime(t)}] WARNING: [pool www] child ${child} said into stderr: "${l}"` }));
}

/** The fpm master's own record. */
const master = (t: number, level: 'NOTICE' | 'WARNING', msg: string): Write => ({ stream: 'stderr', text: `[${fpmTime(t)}] ${level}: ${msg}` });

export const cmsWordpress: ServiceDef = {
  name: 'cms-wordpress', stack: 'PHP 8.3, php-fpm, WordPress 6.7, MySQL (Cloud SQL)', splitRate: 0.72,
  families: [
    {
      // The same undefined key from two templates: two call sites, two problems.
      name: 'cms-wordpress:card-template-undefined-key', level: 'WARNING', perDay: [60, 150],
      emit: ({ rng, t, rev }) => worker(rng, t, rev, [`PHP Warning:  Undefined array key "ID" in ${WP}/wp-content/themes/harbor/template-parts/card.php on line 9`]),
    },
    {
      name: 'cms-wordpress:related-posts-undefined-key', level: 'WARNING', perDay: [60, 150],
      emit: ({ rng, t, rev }) => worker(rng, t, rev, [`PHP Warning:  Undefined array key "ID" in ${WP}/wp-content/themes/harbor/inc/related-posts.php on line 214`]),
    },
    {
      name: 'cms-wordpress:undefined-function-fatal', level: 'CRITICAL', perDay: [8, 25],
      emit: ({ rng, t, rev }) => worker(rng, t, rev, [
        `PHP Fatal error:  Uncaught Error: Call to undefined function harbor_reading_time() in ${WP}/wp-content/themes/harbor/single.php:31`,
        'Stack trace:',
        `#0 ${WP}/wp-includes/template-loader.php(106): include()`,
        `#1 ${WP}/wp-blog-header.php(19): require_once('${WP}/wp-inclu...')`,
        `#2 ${WP}/index.php(17): require('${WP}/wp-blog-h...')`,
        '#3 {main}',
        `  thrown in ${WP}/wp-content/themes/harbor/single.php on line 31`,
      ]),
    },
    {
      name: 'cms-wordpress:options-update-deadlock', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => worker(rng, t, rev, [
        `WordPress database error Deadlock found when trying to get lock; try restarting transaction for query UPDATE \`wp_options\` SET \`option_value\` = '${rng.int(1700000000, 1800000000)}' WHERE \`option_name\` = '_transient_timeout_harbor_menu_${rng.hex(8)}' made by require('wp-blog-header.php'), wp, do_action_ref_array('wp'), WP_Hook->do_action, WP_Hook->apply_filters, harbor_cache_menu, set_transient, update_option`,
      ]),
    },
    {
      name: 'cms-wordpress:fpm-max-children', level: 'WARNING', perDay: [80, 200],
      emit: ({ t }) => [master(t, 'WARNING', '[pool www] server reached pm.max_children setting (5), consider raising it')],
    },
    {
      name: 'noise:cms-wordpress:access', level: 'INFO', perDay: [300, 600],
      // fpm's access log as the official image configures it (`%R - %u %t "%m %r" %s`, to stderr).
      emit: ({ rng, t }) => {
        const status = rng.weighted([[200, 85], [301, 5], [404, 8], [500, 2]] as const);
        return [{ stream: 'stderr', text: `169.254.1.1 -  ${clf(t)} "GET ${rng.pick(['/', '/blog/', `/${rng.lower(8)}-${rng.lower(6)}/`, '/wp-json/wp/v2/posts'])}" ${status}` }];
      },
    },
    {
      name: 'noise:cms-wordpress:cron', level: 'INFO', perDay: [40, 90],
      emit: ({ rng, t, rev }) => worker(rng, t, rev, [`harbor-cron: purged ${rng.int(0, 400)} expired transients, 0 errors`]),
    },
    {
      name: 'noise:cms-wordpress:fpm-boot', level: 'INFO', perDay: [4, 10],
      emit: ({ rng, t }) => [master(t, 'NOTICE', rng.pick(['fpm is running, pid 1', 'ready to handle connections']))],
    },
  ] satisfies Family[],
};
