/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-compare.c: the comparison of two walks on A4 pages, for a
 * board report: what was resolved, what is new, how the feelings moved, and
 * what became of the actions. */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "staple-export.h"
#include "staple-export-private.h"

#define PAGE_WIDTH  595.28
#define PAGE_HEIGHT 841.89
#define MARGIN      56.0
#define CHART_HEIGHT 150.0

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

/* Both walks' curves: the earlier dashed, the later solid; the customer
 * dark, the staff grey, so it reads in black and white. */
static void
chart (Pen    *pen,
       GArray *feelings)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  double step = feelings->len > 1 ? width / (feelings->len - 1) : 0;
  double middle;

  pen->y += 10;
  room_for (pen, CHART_HEIGHT + 60);
  say (pen, _("How the customer and the staff felt"), 13, TRUE, 0);
  say (pen, _("Customer: black; staff: grey. Earlier walk dashed, this walk solid. +2 at the top, "
              "−2 at the bottom."), 9, FALSE, 0);

  middle = pen->y + CHART_HEIGHT / 2;
  cairo_set_source_rgb (pen->cr, 0.7, 0.7, 0.7);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_rectangle (pen->cr, MARGIN, pen->y, width, CHART_HEIGHT);
  cairo_move_to (pen->cr, MARGIN, middle);
  cairo_line_to (pen->cr, MARGIN + width, middle);
  cairo_stroke (pen->cr);

  for (guint curve = 0; curve < 4; curve++)
    {
      gboolean later = curve % 2 == 1;
      gboolean staff = curve >= 2;
      gboolean started = FALSE;

      for (guint i = 0; i < feelings->len; i++)
        {
          StapleCompareFeeling *f = &g_array_index (feelings, StapleCompareFeeling, i);
          int value = staff ? (later ? f->staff_later : f->staff_earlier)
                            : (later ? f->customer_later : f->customer_earlier);
          double x = MARGIN + i * step;
          double y = middle - value * (CHART_HEIGHT / 2 - 8) / 2.0;

          if (!(later ? f->in_later : f->in_earlier))
            continue;
          if (started)
            cairo_line_to (pen->cr, x, y);
          else
            cairo_move_to (pen->cr, x, y);
          started = TRUE;
        }

      cairo_set_source_rgb (pen->cr, staff ? 0.55 : 0.1, staff ? 0.55 : 0.1, staff ? 0.55 : 0.1);
      cairo_set_line_width (pen->cr, later ? 2.5 : 1.5);
      cairo_set_dash (pen->cr, (double[]) { 5, 3 }, later ? 0 : 2, 0);
      cairo_stroke (pen->cr);
      cairo_set_dash (pen->cr, NULL, 0, 0);
    }

  pen->y += CHART_HEIGHT + 8;
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
  /* Translators: the dates of the two walks compared */
  title = g_strdup_printf (_("The walk of %s compared with the walk of %s"),
                           staple_session_get_date (later), staple_session_get_date (earlier));
  say (&pen, title, 11, FALSE, 0);

  section (&pen, _("Friction Points Resolved"), comparison->frictions_resolved, friction_text);
  section (&pen, _("New Friction Points"), comparison->frictions_new, friction_text);
  chart (&pen, comparison->feelings);
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
      g_autofree char *name = g_filename_display_name (path);

      staple_export_file_abort (&file);
      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }

  return staple_export_file_commit (&file, error);
}
