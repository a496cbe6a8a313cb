## man/local.mk - included by the top-level Makefile.am
##
## The manual: the opflow tool (man1); a page for every function of the
## C interface (man3), most of them shared by related functions, each
## other name being a symbolic link to its page; the index libopflow(3);
## the .opflow text format (man5); and the concepts, formulas and
## contracts in libopflow(7).  Installing copies each link as a page, so
## that "man <function>" works for every function.

dist_man1_MANS = man/man1/opflow.1

dist_man3_MANS = \
	man/man3/libopflow.3 \
	man/man3/opflow_activity_options_init.3 \
	man/man3/opflow_analysis_activity_count.3 \
	man/man3/opflow_analysis_activity_key.3 \
	man/man3/opflow_analysis_chain.3 \
	man/man3/opflow_analysis_chain_count.3 \
	man/man3/opflow_analysis_column.3 \
	man/man3/opflow_analysis_critical_paths.3 \
	man/man3/opflow_analysis_critical_time_by_department.3 \
	man/man3/opflow_analysis_critical_time_by_kind.3 \
	man/man3/opflow_analysis_criticality.3 \
	man/man3/opflow_analysis_dates.3 \
	man/man3/opflow_analysis_department_count.3 \
	man/man3/opflow_analysis_department_key.3 \
	man/man3/opflow_analysis_driving_flow.3 \
	man/man3/opflow_analysis_duration.3 \
	man/man3/opflow_analysis_figure.3 \
	man/man3/opflow_analysis_floats.3 \
	man/man3/opflow_analysis_free.3 \
	man/man3/opflow_analysis_get_options.3 \
	man/man3/opflow_analysis_handoff.3 \
	man/man3/opflow_analysis_handoff_count.3 \
	man/man3/opflow_analysis_instant_of.3 \
	man/man3/opflow_analysis_instants.3 \
	man/man3/opflow_analysis_options_init.3 \
	man/man3/opflow_analysis_progress.3 \
	man/man3/opflow_analysis_schedule.3 \
	man/man3/opflow_analysis_stage.3 \
	man/man3/opflow_analysis_write_csv.3 \
	man/man3/opflow_analysis_write_gantt.3 \
	man/man3/opflow_analysis_write_json.3 \
	man/man3/opflow_analyze.3 \
	man/man3/opflow_calendar_finish_after.3 \
	man/man3/opflow_calendar_start_after.3 \
	man/man3/opflow_calendar_working_time.3 \
	man/man3/opflow_category_from_name.3 \
	man/man3/opflow_category_info.3 \
	man/man3/opflow_category_name.3 \
	man/man3/opflow_check_options_init.3 \
	man/man3/opflow_compare.3 \
	man/man3/opflow_comparison_counts.3 \
	man/man3/opflow_comparison_figure.3 \
	man/man3/opflow_comparison_free.3 \
	man/man3/opflow_comparison_slipped.3 \
	man/man3/opflow_comparison_variance.3 \
	man/man3/opflow_distribution_from_name.3 \
	man/man3/opflow_distribution_name.3 \
	man/man3/opflow_duration_mode_from_name.3 \
	man/man3/opflow_duration_mode_name.3 \
	man/man3/opflow_error_clear.3 \
	man/man3/opflow_error_code.3 \
	man/man3/opflow_error_column.3 \
	man/man3/opflow_error_cycle_id.3 \
	man/man3/opflow_error_cycle_key.3 \
	man/man3/opflow_error_cycle_length.3 \
	man/man3/opflow_error_line.3 \
	man/man3/opflow_error_message.3 \
	man/man3/opflow_figure_from_name.3 \
	man/man3/opflow_figure_name.3 \
	man/man3/opflow_finding_kind_from_name.3 \
	man/man3/opflow_finding_kind_name.3 \
	man/man3/opflow_findings_count.3 \
	man/man3/opflow_findings_free.3 \
	man/man3/opflow_findings_get.3 \
	man/man3/opflow_flow_type_from_name.3 \
	man/man3/opflow_flow_type_name.3 \
	man/man3/opflow_free.3 \
	man/man3/opflow_gantt_options_init.3 \
	man/man3/opflow_graph_activity_calendar.3 \
	man/man3/opflow_graph_activity_category.3 \
	man/man3/opflow_graph_activity_columns.3 \
	man/man3/opflow_graph_activity_count.3 \
	man/man3/opflow_graph_activity_customer_facing.3 \
	man/man3/opflow_graph_activity_department.3 \
	man/man3/opflow_graph_activity_duration.3 \
	man/man3/opflow_graph_activity_estimate.3 \
	man/man3/opflow_graph_activity_key.3 \
	man/man3/opflow_graph_activity_kind.3 \
	man/man3/opflow_graph_activity_label.3 \
	man/man3/opflow_graph_activity_tracking.3 \
	man/man3/opflow_graph_activity_working_calendar.3 \
	man/man3/opflow_graph_add_activities.3 \
	man/man3/opflow_graph_add_activity.3 \
	man/man3/opflow_graph_add_activity_ext.3 \
	man/man3/opflow_graph_add_calendar.3 \
	man/man3/opflow_graph_add_flow.3 \
	man/man3/opflow_graph_add_flows.3 \
	man/man3/opflow_graph_calendar_count.3 \
	man/man3/opflow_graph_calendar_key.3 \
	man/man3/opflow_graph_calendar_spec.3 \
	man/man3/opflow_graph_check.3 \
	man/man3/opflow_graph_clear_activity_duration.3 \
	man/man3/opflow_graph_clear_activity_estimate.3 \
	man/man3/opflow_graph_clear_activity_tracking.3 \
	man/man3/opflow_graph_clear_start.3 \
	man/man3/opflow_graph_clone.3 \
	man/man3/opflow_graph_default_calendar.3 \
	man/man3/opflow_graph_department_calendar.3 \
	man/man3/opflow_graph_department_count.3 \
	man/man3/opflow_graph_department_key.3 \
	man/man3/opflow_graph_department_name.3 \
	man/man3/opflow_graph_equal.3 \
	man/man3/opflow_graph_find_activities.3 \
	man/man3/opflow_graph_find_activity.3 \
	man/man3/opflow_graph_find_calendar.3 \
	man/man3/opflow_graph_find_department.3 \
	man/man3/opflow_graph_find_flow.3 \
	man/man3/opflow_graph_flow.3 \
	man/man3/opflow_graph_flow_columns.3 \
	man/man3/opflow_graph_flow_count.3 \
	man/man3/opflow_graph_flow_elapsed.3 \
	man/man3/opflow_graph_free.3 \
	man/man3/opflow_graph_incoming.3 \
	man/man3/opflow_graph_instant_of.3 \
	man/man3/opflow_graph_intern_department.3 \
	man/man3/opflow_graph_load_buffer.3 \
	man/man3/opflow_graph_load_file.3 \
	man/man3/opflow_graph_load_path.3 \
	man/man3/opflow_graph_new.3 \
	man/man3/opflow_graph_outgoing.3 \
	man/man3/opflow_graph_prepare.3 \
	man/man3/opflow_graph_remove_activities.3 \
	man/man3/opflow_graph_remove_activity.3 \
	man/man3/opflow_graph_remove_calendar.3 \
	man/man3/opflow_graph_remove_department.3 \
	man/man3/opflow_graph_remove_flow.3 \
	man/man3/opflow_graph_remove_flows.3 \
	man/man3/opflow_graph_save_buffer.3 \
	man/man3/opflow_graph_save_file.3 \
	man/man3/opflow_graph_save_path.3 \
	man/man3/opflow_graph_set_activity_calendar.3 \
	man/man3/opflow_graph_set_activity_category.3 \
	man/man3/opflow_graph_set_activity_customer_facing.3 \
	man/man3/opflow_graph_set_activity_department.3 \
	man/man3/opflow_graph_set_activity_duration.3 \
	man/man3/opflow_graph_set_activity_estimate.3 \
	man/man3/opflow_graph_set_activity_kind.3 \
	man/man3/opflow_graph_set_activity_label.3 \
	man/man3/opflow_graph_set_activity_tracking.3 \
	man/man3/opflow_graph_set_calendar_spec.3 \
	man/man3/opflow_graph_set_default_calendar.3 \
	man/man3/opflow_graph_set_department_calendar.3 \
	man/man3/opflow_graph_set_department_name.3 \
	man/man3/opflow_graph_set_flow_elapsed.3 \
	man/man3/opflow_graph_set_flow_lag.3 \
	man/man3/opflow_graph_set_start.3 \
	man/man3/opflow_graph_set_unit.3 \
	man/man3/opflow_graph_start.3 \
	man/man3/opflow_graph_time_of.3 \
	man/man3/opflow_graph_unit.3 \
	man/man3/opflow_graph_write_dot.3 \
	man/man3/opflow_instant_format.3 \
	man/man3/opflow_instant_parse.3 \
	man/man3/opflow_kind_from_name.3 \
	man/man3/opflow_kind_name.3 \
	man/man3/opflow_logic_from_name.3 \
	man/man3/opflow_logic_name.3 \
	man/man3/opflow_measure_from_name.3 \
	man/man3/opflow_measure_name.3 \
	man/man3/opflow_porter_from_name.3 \
	man/man3/opflow_porter_name.3 \
	man/man3/opflow_scor_from_name.3 \
	man/man3/opflow_scor_name.3 \
	man/man3/opflow_set_allocator.3 \
	man/man3/opflow_severity_from_name.3 \
	man/man3/opflow_severity_name.3 \
	man/man3/opflow_simulate.3 \
	man/man3/opflow_simulation_activity.3 \
	man/man3/opflow_simulation_activity_count.3 \
	man/man3/opflow_simulation_activity_key.3 \
	man/man3/opflow_simulation_column.3 \
	man/man3/opflow_simulation_free.3 \
	man/man3/opflow_simulation_get_options.3 \
	man/man3/opflow_simulation_histogram.3 \
	man/man3/opflow_simulation_iterations.3 \
	man/man3/opflow_simulation_options_init.3 \
	man/man3/opflow_simulation_percentile.3 \
	man/man3/opflow_simulation_probability.3 \
	man/man3/opflow_simulation_samples.3 \
	man/man3/opflow_simulation_sensitivity_iterations.3 \
	man/man3/opflow_simulation_summary.3 \
	man/man3/opflow_stage_from_name.3 \
	man/man3/opflow_stage_name.3 \
	man/man3/opflow_state_from_name.3 \
	man/man3/opflow_state_name.3 \
	man/man3/opflow_strerror.3 \
	man/man3/opflow_tracking_from_name.3 \
	man/man3/opflow_tracking_name.3 \
	man/man3/opflow_version.3 \
	man/man3/opflow_version_number.3

dist_man5_MANS = man/man5/opflow.5

dist_man7_MANS = man/man7/libopflow.7

# The checks of the pages: mandoc -Tlint, every exported function and
# every error code documented, every synopsis as the header declares it,
# every EXAMPLES program compiled and run against the in-tree library;
# the tool's commands, options and example outputs in opflow(1); the
# format's statements, attributes and canonical form in opflow(5); the
# CSV header and JSON keys of the exports; the worked example of
# libopflow(7) as the library computes it.
MAN_SH_TESTS = \
	tests/man/lint.sh \
	tests/man/symbols.sh \
	tests/man/errors.sh \
	tests/man/examples.sh \
	tests/man/opflow1.sh \
	tests/man/opflow5.sh \
	tests/man/exports.sh \
	tests/man/libopflow7.sh
TESTS += $(MAN_SH_TESTS)
if HAVE_PYTHON3
TESTS += tests/man/synopsis.py
endif
EXTRA_DIST += $(MAN_SH_TESTS) tests/man/synopsis.py tests/man/common.sh tests/man/unescape.awk
