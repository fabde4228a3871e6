/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-compare.c: the comparison of two walks on A4 pages, for a
 * board report: how long the work takes now, what was resolved, what is
 * new, how the feelings moved, and what became of the actions. The feelings
 * chart is drawn here for the page and for the Compare window alike. */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "staple-export.h"
#include "staple-export-compare.h"
#include "staple-export-private.h"
#include "staple-text.h"

#define PAGE_WIDTH  595.28
#define PAGE_HEIGHT 841.89
#define MARGIN      56.0
#define CHART_HEIGHT 300.0

/* Before and after in two colours that stay apart for the common colour
 * blindnesses (orange and blue), and apart in grey too: the earlier walk
 * is also dashed with open points, the later solid with filled ones. */
static const double earlier_rgb[3] = { 0.90, 0.38, 0.0 };
static const double later_rgb[3] = { 0.11, 0.44, 0.85 };

#define CHART_TEXT    10.0 /* the chart's text, in its own units */
#define CHART_AXIS    24.0 /* room for "+2" and "−2" on the left */
#define CHART_NAMES   4    /* lines of a stage's name under the chart */

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
} Pen;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return staple_export_file_write (closure, data, length, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
room_for (Pen    *pen,
          double  height)
{
  if (pen->y + height <= PAGE_HEIGHT - MARGIN)
    return;

  cairo_show_page (pen->cr);
  pen->y = MARGIN;
}

static void
say (Pen        *pen,
     const char *text,
     double      points,
     gboolean    bold,
     double      indent)
{
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans");
  int width, height;

  pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pen->layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (pen->layout, (int) ((PAGE_WIDTH - 2 * MARGIN - indent) * PANGO_SCALE));
  pango_layout_set_text (pen->layout, text, -1);
  pango_layout_get_size (pen->layout, &width, &height);

  room_for (pen, (double) height / PANGO_SCALE);
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  cairo_move_to (pen->cr, MARGIN + indent, pen->y);
  pango_cairo_show_layout (pen->cr, pen->layout);
  pen->y += (double) height / PANGO_SCALE + points * 0.35;
}

static void
section (Pen        *pen,
         const char *title,
         GPtrArray  *items,
         const char *(*text_of) (gpointer item))
{
  pen->y += 10;
  room_for (pen, 60);
  say (pen, title, 13, TRUE, 0);

  if (items->len == 0)
    say (pen, _("None"), 10, FALSE, 12);

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s", text_of (g_ptr_array_index (items, i)));

      say (pen, line, 10, FALSE, 12);
    }
}

static const char *
stage_text (gpointer item)
{
  return staple_stage_get_name (item);
}

static const char *
friction_text (gpointer item)
{
  return staple_friction_get_text (item);
}

static const char *
action_text (gpointer item)
{
  return staple_action_get_text (item);
}

/* Chart text, at a size in the chart's own units (pixels on screen, points
 * on the page), whatever the surface's resolution. */
static PangoLayout *
chart_text (cairo_t    *cr,
            const char *text,
            gboolean    bold,
            double      width,
            int         lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans");
  g_autofree char *shown = staple_text_bound (text, STAPLE_TEXT_SHORT,
                                              STAPLE_TEXT_BOUND_ONE_LINE);

  pango_font_description_set_absolute_size (font, CHART_TEXT * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_text (layout, shown, -1);
  return layout;
}

static double
show_text (cairo_t      *cr,
           PangoLayout  *layout,
           double        x,
           double        y,
           const double  rgb[3])
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return (double) height / PANGO_SCALE;
}

/* The look of one walk's curve: its colour, dash and points. */
static void
walk_style (cairo_t  *cr,
            gboolean  later)
{
  const double *rgb = later ? later_rgb : earlier_rgb;

  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_set_line_width (cr, later ? 2.5 : 2.0);
  if (later)
    cairo_set_dash (cr, NULL, 0, 0);
  else
    cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
}

static void
walk_point (cairo_t  *cr,
            double    x,
            double    y,
            gboolean  later)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, later ? 4.5 : 4.0, 0, 2 * G_PI);
  cairo_set_dash (cr, NULL, 0, 0);
  if (later)
    cairo_fill (cr);
  else
    {
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static double
legend_entry (cairo_t      *cr,
              const char   *label,
              gboolean      later,
              double        x,
              double        y,
              double        width,
              const double  ink[3])
{
  g_autoptr(PangoLayout) layout = chart_text (cr, label, FALSE, width - 34, 1);
  int text_width, text_height;
  double middle;

  pango_layout_get_size (layout, &text_width, &text_height);
  middle = y + (double) text_height / PANGO_SCALE / 2;
  walk_style (cr, later);
  cairo_move_to (cr, x, middle);
  cairo_line_to (cr, x + 26, middle);
  cairo_stroke (cr);
  walk_style (cr, later);
  walk_point (cr, x + 13, middle, later);
  show_text (cr, layout, x + 32, y, ink);
  return 32 + (double) text_width / PANGO_SCALE + 18;
}

static double
feeling_of (const StapleCompareStage *entry,
            gboolean                  staff,
            gboolean                  later)
{
  if (staff)
    return later ? entry->staff_later : entry->staff_earlier;
  return later ? entry->customer_later : entry->customer_earlier;
}

/* One panel: a feeling from +2 (top) to −2 (bottom) at each stage, both walks. */
static void
feelings_panel (cairo_t          *cr,
                StapleComparison *comparison,
                gboolean          staff,
                double            x0,
                double            y0,
                double            width,
                double            height,
                const double      ink[3])
{
  GArray *stages = comparison->stages;
  double step = stages->len > 0 ? (width - CHART_AXIS) / stages->len : 0;
  double pad = CHART_TEXT + 6;
  double top = y0 + pad;
  double span = height - 2 * pad;
  g_autoptr(PangoLayout) title = chart_text (cr, staff ? _("Staff feel") : _("Customer feels"),
                                             TRUE, width - CHART_AXIS, 1);

  show_text (cr, title, x0 + CHART_AXIS, y0 - 2, ink);

  for (int value = 2; value >= -2; value--)
    {
      double y = top + (2 - value) * span / 4;
      g_autofree char *text = value > 0 ? g_strdup_printf ("+%d", value)
                                        : value < 0 ? g_strdup_printf ("−%d", -value)
                                                    : g_strdup ("0");
      g_autoptr(PangoLayout) label = chart_text (cr, text, FALSE, CHART_AXIS - 4, 1);
      int label_height;

      pango_layout_get_size (label, NULL, &label_height);
      show_text (cr, label, x0, y - (double) label_height / PANGO_SCALE / 2, ink);
      cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], value == 0 ? 0.45 : 0.15);
      cairo_set_line_width (cr, value == 0 ? 1.0 : 0.5);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, x0 + CHART_AXIS, y);
      cairo_line_to (cr, x0 + width, y);
      cairo_stroke (cr);
    }

  for (guint walk = 0; walk < 2; walk++)
    {
      gboolean later = walk == 1;
      gboolean started = FALSE;

      walk_style (cr, later);
      for (guint i = 0; i < stages->len; i++)
        {
          const StapleCompareStage *entry = &g_array_index (stages, StapleCompareStage, i);
          double x = x0 + CHART_AXIS + (i + 0.5) * step;
          double y = top + (2 - feeling_of (entry, staff, later)) * span / 4;

          if (!(later ? entry->in_later : entry->in_earlier))
            continue;
          if (started)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          started = TRUE;
        }
      cairo_stroke (cr);

      for (guint i = 0; i < stages->len; i++)
        {
          const StapleCompareStage *entry = &g_array_index (stages, StapleCompareStage, i);

          if (!(later ? entry->in_later : entry->in_earlier))
            continue;
          walk_style (cr, later);
          walk_point (cr, x0 + CHART_AXIS + (i + 0.5) * step,
                      top + (2 - feeling_of (entry, staff, later)) * span / 4, later);
        }
    }
}

/**
 * staple_compare_chart_draw:
 * @cr: where to draw, the chart's top left corner at (0, 0)
 * @comparison: the two walks compared
 * @earlier_label: the earlier walk in the legend, such as its date
 * @later_label: the later walk in the legend
 * @width: the chart's width
 * @height: the chart's height
 * @ink: the colour of the chart's text and grid, red, green and blue
 *
 * Draws how the customer and the staff felt at each stage on both walks:
 * a legend, a panel for each, and the stages' names under them. The same
 * drawing goes into the Compare window and onto the comparison's page.
 */
void
staple_compare_chart_draw (cairo_t          *cr,
                           StapleComparison *comparison,
                           const char       *earlier_label,
                           const char       *later_label,
                           double            width,
                           double            height,
                           const double      ink[3])
{
  GArray *stages;
  double step, names_height = 0, legend_height, panel_height, x, y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (comparison != NULL);

  stages = comparison->stages;
  step = stages->len > 0 ? (width - CHART_AXIS) / stages->len : 0;
  cairo_save (cr);

  /* The legend, on one line. */
  x = CHART_AXIS;
  x += legend_entry (cr, earlier_label, FALSE, x, 0, (width - CHART_AXIS) / 2, ink);
  legend_entry (cr, later_label, TRUE, x, 0, width - x, ink);
  legend_height = CHART_TEXT * 1.4 + 12;

  /* The names take the room they need, up to a few lines, under each point. */
  for (guint i = 0; i < stages->len; i++)
    {
      const StapleCompareStage *entry = &g_array_index (stages, StapleCompareStage, i);
      g_autoptr(PangoLayout) name = chart_text (cr, entry->stage_name, FALSE, step - 6,
                                                CHART_NAMES);
      int name_height;

      pango_layout_get_size (name, NULL, &name_height);
      names_height = MAX (names_height, (double) name_height / PANGO_SCALE);
    }

  panel_height = MAX ((height - legend_height - names_height - 16) / 2, 4 * CHART_TEXT);
  y = legend_height;
  feelings_panel (cr, comparison, FALSE, 0, y, width, panel_height, ink);
  y += panel_height + 8;
  feelings_panel (cr, comparison, TRUE, 0, y, width, panel_height, ink);
  y += panel_height + 4;

  for (guint i = 0; i < stages->len; i++)
    {
      const StapleCompareStage *entry = &g_array_index (stages, StapleCompareStage, i);
      g_autoptr(PangoLayout) name = chart_text (cr, entry->stage_name, FALSE, step - 6,
                                                CHART_NAMES);

      pango_layout_set_alignment (name, PANGO_ALIGN_CENTER);
      show_text (cr, name, CHART_AXIS + i * step + 3, y, ink);
    }

  cairo_restore (cr);
}

static void
chart (Pen              *pen,
       StapleSession    *earlier,
       StapleSession    *later,
       StapleComparison *comparison)
{
  static const double ink[3] = { 0.1, 0.1, 0.1 };
  g_autofree char *earlier_date = staple_action_format_due (staple_session_get_date (earlier),
                                                            NULL);
  g_autofree char *later_date = staple_action_format_due (staple_session_get_date (later), NULL);
  g_autofree char *earlier_label = NULL;
  g_autofree char *later_label = NULL;

  pen->y += 10;
  room_for (pen, CHART_HEIGHT + 60);
  say (pen, _("How the customer and the staff felt"), 13, TRUE, 0);
  /* Translators: the legend of the feelings chart, with the walk's date */
  earlier_label = g_strdup_printf (_("Earlier walk, %s"), earlier_date);
  /* Translators: the legend of the feelings chart, with the walk's date */
  later_label = g_strdup_printf (_("This walk, %s"), later_date);

  cairo_save (pen->cr);
  cairo_translate (pen->cr, MARGIN, pen->y + 4);
  staple_compare_chart_draw (pen->cr, comparison, earlier_label, later_label,
                             PAGE_WIDTH - 2 * MARGIN, CHART_HEIGHT, ink);
  cairo_restore (pen->cr);
  pen->y += CHART_HEIGHT + 12;
}

/* A time before and after, and by how much it changed: "Lead time: 12 h 30
 * min → 1 h 57 min (10 h 33 min shorter)". A walk with no times noted shows
 * a dash, as a stage it does not have. */
static char *
describe_time (const char *label,
               gboolean    in_earlier,
               guint       earlier,
               gboolean    in_later,
               guint       later)
{
  g_autofree char *times = staple_compare_format_times (in_earlier, earlier, in_later, later);
  g_autofree char *change = NULL;

  if (!in_earlier || !in_later)
    /* Translators: a time and its values on both walks, e.g. "Lead time: 9 h → 30 min" */
    return g_strdup_printf (_("%s: %s"), label, times);

  change = staple_compare_format_difference (earlier, later);
  /* Translators: a time, its values on both walks and the change, e.g.
   * "Lead time: 9 h → 30 min (8 h 30 min shorter)" */
  return g_strdup_printf (_("%s: %s (%s)"), label, times, change);
}

static void
times (Pen              *pen,
       StapleComparison *comparison)
{
  const StapleJourneyTotals *before = &comparison->totals_earlier;
  const StapleJourneyTotals *after = &comparison->totals_later;
  gboolean timed_before = before->lead_minutes > 0;
  gboolean timed_after = after->lead_minutes > 0;
  g_autofree char *untimed = NULL;
  struct { const char *label; guint before, after; } totals[] = {
    { _("Lead time"), before->lead_minutes, after->lead_minutes },
    { _("Work"), before->work_minutes, after->work_minutes },
    { _("Waiting"), before->wait_minutes, after->wait_minutes },
  };

  pen->y += 10;
  room_for (pen, 60);
  say (pen, _("Time"), 13, TRUE, 0);
  if (!timed_before && !timed_after)
    {
      say (pen, _("No work or waiting times noted on either walk."), 10, FALSE, 12);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *line = describe_time (totals[i].label, timed_before, totals[i].before,
                                             timed_after, totals[i].after);

      say (pen, line, 10, i == 0, 12);
    }
  untimed = staple_compare_describe_untimed (comparison);
  if (untimed != NULL)
    say (pen, untimed, 10, FALSE, 12);

  pen->y += 6;
  say (pen, _("Waiting at each stage"), 11, TRUE, 0);
  for (guint i = 0; i < comparison->stages->len; i++)
    {
      const StapleCompareStage *entry = &g_array_index (comparison->stages, StapleCompareStage, i);
      g_autofree char *name = staple_text_bound (entry->stage_name, STAPLE_TEXT_SHORT,
                                                 STAPLE_TEXT_BOUND_ONE_LINE);
      g_autofree char *line = describe_time (name, entry->timed_earlier,
                                             (guint) entry->wait_earlier, entry->timed_later,
                                             (guint) entry->wait_later);
      g_autofree char *bullet = g_strdup_printf ("• %s", line);

      say (pen, bullet, 10, FALSE, 12);
    }
}

/**
 * staple_export_comparison_pdf:
 * @earlier: the first walk
 * @later: the walk that follows it up
 * @path: the PDF to write; it appears only once complete
 *
 * Writes the comparison of two walks as a PDF with real text.
 */
gboolean
staple_export_comparison_pdf (StapleSession  *earlier,
                              StapleSession  *later,
                              const char     *path,
                              GError        **error)
{
  g_autoptr(StapleComparison) comparison = NULL;
  g_autofree char *title = NULL;
  g_autofree char *later_date = NULL;
  g_autofree char *earlier_date = NULL;
  StapleExportFile file = { NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { NULL };

  g_return_val_if_fail (STAPLE_IS_SESSION (earlier), FALSE);
  g_return_val_if_fail (STAPLE_IS_SESSION (later), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!staple_export_file_open (&file, path, error))
    return FALSE;

  comparison = staple_compare_walks (earlier, later);
  surface = cairo_pdf_surface_create_for_stream (write_cb, &file, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  staple_session_get_title (later));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Staple");
  pen.cr = cairo_create (surface);
  pen.layout = pango_cairo_create_layout (pen.cr);
  pen.y = MARGIN;

  say (&pen, staple_session_get_title (later), 18, TRUE, 0);
  later_date = staple_action_format_due (staple_session_get_date (later), NULL);
  earlier_date = staple_action_format_due (staple_session_get_date (earlier), NULL);
  /* Translators: the dates of the two walks compared */
  title = g_strdup_printf (_("The walk of %s compared with the walk of %s"), later_date,
                           earlier_date);
  say (&pen, title, 11, FALSE, 0);

  times (&pen, comparison);
  chart (&pen, earlier, later, comparison);
  section (&pen, _("Friction Points Not Met on This Walk"), comparison->frictions_resolved,
           friction_text);
  section (&pen, _("New Friction Points"), comparison->frictions_new, friction_text);
  section (&pen, _("Stages Added"), comparison->stages_added, stage_text);
  section (&pen, _("Stages Removed"), comparison->stages_removed, stage_text);
  section (&pen, _("Actions Done"), comparison->actions_done, action_text);
  section (&pen, _("Actions Still Open"), comparison->actions_open, action_text);

  g_object_unref (pen.layout);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      staple_export_file_abort (&file);
      staple_export_set_write_error (error, path, 0, cairo_status_to_string (status));
      return FALSE;
    }

  return staple_export_file_commit (&file, error);
}
