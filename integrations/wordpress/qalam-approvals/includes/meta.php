<?php
// The post meta Qalam delivers, registered so the REST API takes and returns it. Only those who
// may edit the post may write it.

defined('ABSPATH') || exit;

add_action('init', function () {
    $fields = [
        'qalam_article_id' => 'string',
        'qalam_revision' => 'integer',
        'qalam_content_hash' => 'string',
        'qalam_approval' => 'string',
    ];
    foreach ($fields as $key => $type) {
        register_post_meta('post', $key, [
            'type' => $type,
            'single' => true,
            'show_in_rest' => true,
            'auth_callback' => fn($allowed, $meta_key, $post_id) => current_user_can('edit_post', $post_id),
        ]);
    }
});
