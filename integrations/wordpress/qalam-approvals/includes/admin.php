<?php
// Where editors see it: a column in the posts list and a box beside the editor.

defined('ABSPATH') || exit;

add_filter('manage_post_posts_columns', function ($columns) {
    $columns['qalam'] = 'Qalam';
    return $columns;
});

add_action('manage_post_posts_custom_column', function ($column, $post_id) {
    if ($column === 'qalam' && get_post_meta($post_id, 'qalam_article_id', true) !== '') {
        $verdict = qalam_verify((int) $post_id);
        $color = $verdict['state'] === 'verified' ? '#00753a' : '#b32d2e';
        echo '<span class="qalam-verdict qalam-' . esc_attr($verdict['state']) . '" style="color:' . $color . '">' . esc_html(qalam_verdict_text($verdict)) . '</span>';
    }
}, 10, 2);

add_action('add_meta_boxes_post', function ($post) {
    if (get_post_meta($post->ID, 'qalam_article_id', true) === '') {
        return;
    }
    add_meta_box('qalam-approval', 'Qalam', function ($post) {
        $verdict = qalam_verify((int) $post->ID);
        echo '<p class="qalam-verdict qalam-' . esc_attr($verdict['state']) . '"><strong>' . esc_html(qalam_verdict_text($verdict)) . '</strong></p>';
        echo '<p>' . esc_html(sprintf('%s r%d', get_post_meta($post->ID, 'qalam_article_id', true), (int) get_post_meta($post->ID, 'qalam_revision', true))) . '</p>';
    }, 'post', 'side', 'high');
});
