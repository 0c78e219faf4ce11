<?php
/**
 * Plugin Name: Qalam approvals
 * Description: placeholder during bring-up
 * Version: 0.0.1
 */
