<?php
// Refusing to publish what does not verify (when Settings → Qalam says so): through the REST API
// (Qalam, the block editor) the request is refused with the reason; through older screens the
// post is kept pending review instead.

defined('ABSPATH') || exit;

function qalam_refuses(): bool {
    return (bool) get_option('qalam_refuse_unverified');
}

add_filter('rest_pre_insert_post', function ($prepared, $request) {
    if (!qalam_refuses() || ($prepared->post_status ?? '') !== 'publish') {
        return $prepared;
    }
    $id = (int) ($prepared->ID ?? 0);
    $old = $id ? get_post($id) : null;
    $fields = [
        'title' => $prepared->post_title ?? ($old ? $old->post_title : ''),
        'excerpt' => $prepared->post_excerpt ?? ($old ? $old->post_excerpt : ''),
        'content' => $prepared->post_content ?? ($old ? $old->post_content : ''),
    ];
    $meta = is_array($request['meta'] ?? null) ? $request['meta'] : [];
    // The editor sends slashed data; the words are compared unslashed.
    $fields = array_map('wp_unslash', $fields);
    $verdict = qalam_verify($id, $fields, $meta);
    if ($verdict['state'] !== 'verified') {
        return new WP_Error('qalam_unverified', 'Not published: ' . qalam_verdict_text($verdict), ['status' => 403, 'qalam' => $verdict]);
    }
    return $prepared;
}, 10, 2);

add_filter('wp_insert_post_data', function ($data, $postarr) {
    if (!qalam_refuses() || ($data['post_status'] ?? '') !== 'publish' || ($data['post_type'] ?? '') !== 'post'
        || (defined('REST_REQUEST') && REST_REQUEST)) {
        return $data;
    }
    $id = (int) ($postarr['ID'] ?? 0);
    $fields = ['title' => wp_unslash($data['post_title']), 'excerpt' => wp_unslash($data['post_excerpt']), 'content' => wp_unslash($data['post_content'])];
    if (qalam_verify($id, $fields)['state'] !== 'verified') {
        $data['post_status'] = 'pending';
    }
    return $data;
}, 10, 2);
