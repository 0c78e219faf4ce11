<?php
// Embargo: a story Qalam delivered under embargo carries its time (`qalam_embargo_until`, seconds
// since the epoch, UTC) and goes in as scheduled for it. Before that time nobody publishes it here:
// through the REST API (the block editor, Qalam, any client) the request is refused with the
// reason; through older screens the post stays scheduled for the embargo's time. WordPress's own
// publishing of the scheduled post runs at that time, and is not held back. Only a chief breaks it
// early: Qalam sends the chief's signed lift (`qalam_embargo_lift`), which must verify against a
// key marked `[chief]` in Settings → Qalam, name this story, and be signed after the embargo
// reached this site (`_qalam_embargo_since`, kept by the plugin alone).

defined('ABSPATH') || exit;

add_action('init', function () {
    foreach (['qalam_embargo_until' => 'integer', 'qalam_embargo_lift' => 'string'] as $key => $type) {
        register_post_meta('post', $key, [
            'type' => $type,
            'single' => true,
            'show_in_rest' => true,
            'auth_callback' => fn($allowed, $meta_key, $post_id) => current_user_can('edit_post', $post_id),
        ]);
    }
});

/** Whether the request carries a chief's signed lift of this story's embargo, signed after the
 *  embargo reached this site. */
function qalam_lift_verifies(int $id, array $meta, int $held): bool {
    $lift = json_decode((string) ($meta['qalam_embargo_lift'] ?? ''), true);
    $body = qalam_signed_body($lift, true);
    if ($body === null || !array_key_exists('embargo', (array) ($body['kind'] ?? []))) {
        return false;
    }
    $article = (string) ($meta['qalam_article_id'] ?? get_post_meta($id, 'qalam_article_id', true));
    $until = $body['kind']['embargo']['until'] ?? null;
    $since = (int) get_post_meta($id, '_qalam_embargo_since', true);
    return ($body['article'] ?? '') === $article && ($until === null || (int) $until / 1000 < $held)
        && (int) ($body['time'] ?? 0) > $since;
}

/** The embargo's time for post `$id` (the request's own meta first), 0 if none. */
function qalam_embargo_until(int $id, array $meta = []): int {
    if (array_key_exists('qalam_embargo_until', $meta)) {
        return (int) $meta['qalam_embargo_until'];
    }
    return $id ? (int) get_post_meta($id, 'qalam_embargo_until', true) : 0;
}

function qalam_embargo_text(int $until): string {
    return sprintf('under embargo until %s UTC', gmdate('Y-m-d H:i', $until));
}

/** The embargo a REST request in progress says (its meta is stored only after the post): the
 *  request's own value, or the stored one; null outside a REST request. */
function qalam_embargo_in_request(?int $set = null): ?int {
    static $until = null;
    if ($set !== null) {
        $until = $set;
    }
    return $until;
}

add_filter('rest_pre_insert_post', function ($prepared, $request) {
    if (is_wp_error($prepared)) {
        return $prepared;
    }
    $meta = is_array($request['meta'] ?? null) ? $request['meta'] : [];
    $id = (int) ($prepared->ID ?? 0);
    // An embargo in force is not shortened or cleared here: lifting it early is a chief's signed
    // step in Qalam. (Moving it later is allowed: it holds the post longer.)
    $held = qalam_embargo_until($id);
    if ($held > time() && array_key_exists('qalam_embargo_until', $meta) && (int) $meta['qalam_embargo_until'] < $held
        && !qalam_lift_verifies($id, $meta, $held)) {
        return new WP_Error('qalam_embargoed', 'Not changed: the post is ' . qalam_embargo_text($held) . '; only Qalam lifts an embargo early', ['status' => 403, 'qalam_embargo_until' => $held]);
    }
    $until = qalam_embargo_until($id, $meta);
    qalam_embargo_in_request($until);
    $date = isset($prepared->post_date_gmt) && $prepared->post_date_gmt !== '0000-00-00 00:00:00' ? strtotime($prepared->post_date_gmt . ' UTC') : 0;
    if ($until > time() && $date && $date < $until && ($prepared->post_status ?? get_post_status($id)) === 'future') {
        return new WP_Error('qalam_embargoed', 'Not changed: the post is ' . qalam_embargo_text($until) . ' and may not be scheduled before it', ['status' => 403, 'qalam_embargo_until' => $until]);
    }
    if (($prepared->post_status ?? '') === 'publish' && $until > time()) {
        return new WP_Error('qalam_embargoed', 'Not published: ' . qalam_embargo_text($until), ['status' => 403, 'qalam_embargo_until' => $until]);
    }
    return $prepared;
}, 5, 2);

add_filter('wp_insert_post_data', function ($data, $postarr) {
    if (($data['post_status'] ?? '') !== 'publish' || ($data['post_type'] ?? '') !== 'post') {
        return $data;
    }
    // WordPress publishes a post scheduled less than a minute ahead at once: the embargo's time
    // (from the post, or the REST request making it) holds it scheduled all the same.
    $until = qalam_embargo_in_request() ?? qalam_embargo_until((int) ($postarr['ID'] ?? 0));
    if ($until > time()) {
        $data['post_status'] = 'future';
        $data['post_date_gmt'] = gmdate('Y-m-d H:i:s', $until);
        $data['post_date'] = get_date_from_gmt($data['post_date_gmt']);
    }
    return $data;
}, 5, 2);

// When an embargo reaches this site (or moves later), it is remembered: a lift signed before then
// is of an earlier embargo.
add_action('rest_after_insert_post', function ($post, $request) {
    $meta = is_array($request['meta'] ?? null) ? $request['meta'] : [];
    if (!array_key_exists('qalam_embargo_until', $meta) || (int) $meta['qalam_embargo_until'] <= time()) {
        return;
    }
    if ((int) $meta['qalam_embargo_until'] !== (int) get_post_meta($post->ID, '_qalam_embargo_seen', true)) {
        update_post_meta($post->ID, '_qalam_embargo_seen', (int) $meta['qalam_embargo_until']);
        update_post_meta($post->ID, '_qalam_embargo_since', (int) floor(microtime(true) * 1000));
    }
}, 10, 2);

// The post screen says why it will not publish yet.
add_action('admin_notices', function () {
    $screen = function_exists('get_current_screen') ? get_current_screen() : null;
    $post = get_post();
    if (!$screen || $screen->base !== 'post' || !$post) {
        return;
    }
    $until = qalam_embargo_until((int) $post->ID);
    if ($until > time()) {
        printf('<div class="notice notice-warning"><p>%s</p></div>', esc_html('Qalam: ' . qalam_embargo_text($until) . '; it is published then, not before.'));
    }
});
