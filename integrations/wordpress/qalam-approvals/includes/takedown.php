<?php
// Take-down: a story Qalam took down (`qalam unpublish`) carries why (`qalam_taken_down`: who,
// when, the reason) and is a draft again. Until Qalam republishes it with an approval newer than
// the take-down — one that verifies against Settings → Qalam — nobody publishes it here: through
// the REST API (the block editor, any client) the request is refused with the reason; through
// older screens the post stays a draft. Only such an approved delivery clears the mark.

defined('ABSPATH') || exit;

add_action('init', function () {
    register_post_meta('post', 'qalam_taken_down', [
        'type' => 'string',
        'single' => true,
        'show_in_rest' => true,
        'auth_callback' => fn($allowed, $meta_key, $post_id) => current_user_can('edit_post', $post_id),
    ]);
});

/** The take-down post `$id` stands under (`['time' => ms, 'by' => name, 'reason' => text]`), or null. */
function qalam_takedown(int $id): ?array {
    $raw = $id ? (string) get_post_meta($id, 'qalam_taken_down', true) : '';
    if ($raw === '') {
        return null;
    }
    $mark = json_decode($raw, true);
    // A mark that does not read still holds the post: holding it back is the safe side.
    return is_array($mark) ? $mark : ['time' => PHP_INT_MAX, 'by' => '', 'reason' => ''];
}

function qalam_takedown_text(array $mark): string {
    $by = (string) ($mark['by'] ?? '');
    $reason = (string) ($mark['reason'] ?? '');
    return 'taken down in Qalam' . ($by !== '' ? " by $by" : '') . ($reason !== '' ? ": $reason" : '')
        . '; republishing needs a new approval in Qalam';
}

/** Whether the post as the request leaves it verifies by an approval signed after `$since` (ms). */
function qalam_approved_since(int $id, array $fields, array $meta, int $since): bool {
    $verdict = qalam_verify($id, $fields, $meta);
    return $verdict['state'] === 'verified' && $verdict['time'] > $since;
}

add_filter('rest_pre_insert_post', function ($prepared, $request) {
    if (is_wp_error($prepared)) {
        return $prepared;
    }
    $id = (int) ($prepared->ID ?? 0);
    $mark = qalam_takedown($id);
    if ($mark === null) {
        return $prepared;
    }
    $meta = is_array($request['meta'] ?? null) ? $request['meta'] : [];
    $old = get_post($id);
    $fields = array_map('wp_unslash', [
        'title' => $prepared->post_title ?? ($old ? $old->post_title : ''),
        'excerpt' => $prepared->post_excerpt ?? ($old ? $old->post_excerpt : ''),
        'content' => $prepared->post_content ?? ($old ? $old->post_content : ''),
    ]);
    $since = (int) ($mark['time'] ?? PHP_INT_MAX);
    $asked = array_key_exists('qalam_taken_down', $meta) ? (string) $meta['qalam_taken_down'] : null;
    $stored = (string) get_post_meta($id, 'qalam_taken_down', true);
    // A later take-down may replace the mark (it keeps the post down); clearing it, or putting an
    // earlier one in its place, needs an approval newer than the take-down.
    $later = $asked !== null && $asked !== '' && (int) ((json_decode($asked, true) ?: [])['time'] ?? 0) >= $since;
    $clears = $asked !== null && $asked !== $stored && !$later;
    $approved = qalam_approved_since($id, $fields, $meta, $since);
    if ($clears && !$approved) {
        return new WP_Error('qalam_taken_down', 'Not changed: the post was ' . qalam_takedown_text($mark), ['status' => 403]);
    }
    $status = $prepared->post_status ?? '';
    // Private is not public, but a post taken down (a court's order, say) is not shown to the
    // site's other readers either.
    if (in_array($status, ['publish', 'future', 'private'], true) && !($clears && $approved)) {
        return new WP_Error('qalam_taken_down', 'Not published: the post was ' . qalam_takedown_text($mark), ['status' => 403]);
    }
    return $prepared;
}, 6, 2);

add_filter('wp_insert_post_data', function ($data, $postarr) {
    if (!in_array($data['post_status'] ?? '', ['publish', 'future', 'private'], true) || ($data['post_type'] ?? '') !== 'post'
        || (defined('REST_REQUEST') && REST_REQUEST)) {
        return $data;
    }
    if (qalam_takedown((int) ($postarr['ID'] ?? 0)) !== null) {
        $data['post_status'] = 'draft';
    }
    return $data;
}, 6, 2);

// The post screen says why it stays a draft.
add_action('admin_notices', function () {
    $screen = function_exists('get_current_screen') ? get_current_screen() : null;
    $post = get_post();
    if (!$screen || $screen->base !== 'post' || !$post) {
        return;
    }
    $mark = qalam_takedown((int) $post->ID);
    if ($mark !== null) {
        printf('<div class="notice notice-error"><p>%s</p></div>', esc_html('Qalam: ' . qalam_takedown_text($mark) . '.'));
    }
});
