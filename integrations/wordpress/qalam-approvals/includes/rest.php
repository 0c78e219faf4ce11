<?php
// `qalam/v1`: its presence tells Qalam the plugin is active (so posts carry their approval);
// `verify/ID` gives an editor's tools (and Qalam's tests) the verdict the screens show.

defined('ABSPATH') || exit;

add_action('rest_api_init', function () {
    register_rest_route('qalam/v1', '/status', [
        'methods' => 'GET',
        'permission_callback' => fn() => current_user_can('edit_posts'),
        'callback' => fn() => ['plugin' => '1.0.0', 'keys' => count(qalam_roster()), 'refuse_unverified' => qalam_refuses()],
    ]);
    register_rest_route('qalam/v1', '/verify/(?P<id>\d+)', [
        'methods' => 'GET',
        'permission_callback' => fn($request) => current_user_can('edit_post', (int) $request['id']),
        'callback' => function ($request) {
            $verdict = qalam_verify((int) $request['id']);
            return $verdict + ['text' => qalam_verdict_text($verdict)];
        },
    ]);
});
