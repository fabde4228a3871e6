/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report.c: the journey map and the workshop report on paper.
 *
 * staple_report_new lays every page out once into a display list — text
 * layouts, rules, boxes and placements of the map — with Pango on a context
 * of our own with hinting off. staple_report_draw_page replays one page into
 * any cairo_t, so the PDF file and the GTK print operation break pages in
 * the same places and show the same text. The map itself is drawn by the
 * map renderer, never here.
 *
 * This file holds the object, the paper, the order of the sections, the
 * footers and the drawing and writing of the pages. The page model and the
 * flow of text and tables are in staple-report-layout.c, the map pages and
 * the poster in staple-report-map.c, the report's sections in
 * staple-report-sections.c, the one-page summary in staple-report-summary.c
 * and the walk sheets in staple-report-walk.c; what they share is declared
 * in staple-report-internal.h.
 */
#define G_LOG_DOMAIN "staple-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <math.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "staple-export.h"
#include "staple-report-internal.h"
#include "staple-export-private.h"
#include "staple-report-private.h"
#include "staple-report.h"

G_DEFINE_FINAL_TYPE (StapleReport, staple_report, G_TYPE_OBJECT)

/* Paper */

static const struct
{
  const char *name;
  double      width;
  double      height;
} papers[] = {
  [STAPLE_PAPER_A4]      = { "a4", 595.28, 841.89 },
  [STAPLE_PAPER_A3]      = { "a3", 841.89, 1190.55 },
  [STAPLE_PAPER_LETTER]  = { "letter", 612.0, 792.0 },
  [STAPLE_PAPER_TABLOID] = { "tabloid", 792.0, 1224.0 },
  [STAPLE_PAPER_A1]      = { "a1", 1683.78, 2383.94 },
  [STAPLE_PAPER_A0]      = { "a0", 2383.94, 3370.39 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (papers) == STAPLE_PAPER_A0 + 1);

/**
 * staple_report_options_init:
 * @options: (out caller-allocates): the options to fill in
 *
 * The whole report on A4 landscape, 12 mm margins, the map fitted to one
 * page; for a poster, 10 mm overlaps and cut marks.
 */
void
staple_report_options_init (StapleReportOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (StapleReportOptions) {
    .kind = STAPLE_REPORT_FULL,
    .paper = STAPLE_PAPER_A4,
    .orientation = STAPLE_ORIENTATION_LANDSCAPE,
    .margin_mm = 12,
    .poster_columns = 1,
    .poster_rows = 1,
    .overlap_mm = 10,
    .cut_marks = TRUE,
  };
}

/**
 * staple_paper_from_string:
 * @name: "a4", "a3", "letter", "tabloid", "a1" or "a0", in any case
 * @paper: (out) (optional): the paper
 *
 * Returns: whether @name names a paper
 */
gboolean
staple_paper_from_string (const char  *name,
                          StaplePaper *paper)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      if (g_ascii_strcasecmp (name, papers[i].name) == 0)
        {
          if (paper != NULL)
            *paper = (StaplePaper) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * staple_paper_get_size:
 * @paper: the paper
 * @orientation: which way up
 * @width_pt: (out): the width in points
 * @height_pt: (out): the height in points
 *
 * The size of @paper turned to @orientation.
 */
void
staple_paper_get_size (StaplePaper        paper,
                       StapleOrientation  orientation,
                       double            *width_pt,
                       double            *height_pt)
{
  guint index = (guint) paper < G_N_ELEMENTS (papers) ? (guint) paper : STAPLE_PAPER_A4;
  double width = papers[index].width;
  double height = papers[index].height;

  g_return_if_fail (width_pt != NULL && height_pt != NULL);

  if (orientation == STAPLE_ORIENTATION_LANDSCAPE)
    {
      *width_pt = height;
      *height_pt = width;
    }
  else
    {
      *width_pt = width;
      *height_pt = height;
    }
}


/* The paper of the report's pages after a poster: a desk printer's, A4 or
 * Letter as the locale prints (Letter after a Tabloid poster). */
static StaplePaper
report_paper (StaplePaper poster)
{
#ifdef _NL_PAPER_WIDTH
  union { unsigned int word; char *string; } width, height;
#endif

  if (poster == STAPLE_PAPER_LETTER || poster == STAPLE_PAPER_TABLOID)
    return STAPLE_PAPER_LETTER;

#ifdef _NL_PAPER_WIDTH
  /* In millimetres: 216 × 279 for Letter. */
  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  height.string = nl_langinfo (_NL_PAPER_HEIGHT);
  if (width.word == 216 && height.word == 279)
    return STAPLE_PAPER_LETTER;
#endif

  return STAPLE_PAPER_A4;
}


/* Footers, once the number of pages is known */

static void
add_footers (StapleReport *self)
{
  g_autofree char *date = staple_date_format_long (self->review != NULL
                                                  ? self->review->today
                                                  : staple_session_get_date (self->session));
  g_autofree char *left = _staple_report_is_empty (date)
                          ? g_strdup (_staple_report_session_title (self))
                          : g_strdup_printf ("%s · %s", _staple_report_session_title (self), date);
  guint n_pages = self->pages->len;

  for (guint i = 0; i < n_pages; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);
      g_autofree char *number = NULL;
      PangoLayout *right_text;
      PangoLayout *left_text;
      double y = self->bottom + FOOTER_GAP;

      if (page->tile)
        continue;

      self->page = page;
      number = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      right_text = _staple_report_make_text (self, number, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0);
      left_text = _staple_report_make_text (self, left, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                                            _staple_report_body_width (self)
                                            - _staple_report_text_width (right_text) - 24, -1);

      _staple_report_add_line (self, self->left, y - FOOTER_GAP / 2, self->right,
                               y - FOOTER_GAP / 2, 0.4, RULE);
      _staple_report_add_text (self, left_text, self->left, y, DIM);
      _staple_report_add_text (self, right_text,
                               self->right - _staple_report_text_width (right_text), y, DIM);
    }
}

/* The object */

static void
staple_report_finalize (GObject *object)
{
  StapleReport *self = (StapleReport *) object;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->stage_of, g_hash_table_unref);
  g_clear_object (&self->map);
  g_clear_object (&self->context);
  g_clear_object (&self->session);
  g_clear_pointer (&self->review_title, g_free);

  G_OBJECT_CLASS (staple_report_parent_class)->finalize (object);
}

static void
staple_report_class_init (StapleReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_report_finalize;
}

static void
staple_report_init (StapleReport *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics at 72 dpi: a point is a unit, and the line breaks are
   * the same in the PDF and on any printer. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 72);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  cairo_font_options_destroy (options);

  self->pages = g_ptr_array_new_with_free_func (_staple_report_page_free);
  self->stage_of = g_hash_table_new (NULL, NULL);
  self->text_scale = 1.0;
}

static void
index_stages (StapleReport *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  guint n_stages = g_list_model_get_n_items (stages);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n = g_list_model_get_n_items (frictions);

      /* Borrowed: the session keeps its stages and their friction points. */
      for (guint f = 0; f < n; f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);

          g_hash_table_insert (self->stage_of, friction, stage);
        }
    }
}

static void
set_up_paper (StapleReport *self,
              StaplePaper   paper)
{
  PangoLayout *probe;
  double footer_height;

  staple_paper_get_size (paper, self->options.orientation, &self->width, &self->height);
  self->margin = CLAMP (self->options.margin_mm * PT_PER_MM, MIN_MARGIN_MM * PT_PER_MM,
                        MIN (self->width, self->height) / 6);
  if (isnan (self->margin))
    self->margin = 12 * PT_PER_MM;

  probe = _staple_report_make_text (self, "Page 1 of 1", SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0);
  footer_height = _staple_report_text_height (probe);
  g_object_unref (probe);

  self->left = self->margin;
  self->right = self->width - self->margin;
  self->top = self->margin;
  self->bottom = self->height - self->margin - footer_height - FOOTER_GAP;
}

/**
 * staple_report_new:
 * @session: the session to print
 * @options: what to print and on what paper
 *
 * Lays out every page of the report at once: the pages, what is on them
 * and where the text breaks are fixed from here on, whether they are then
 * written to a PDF or printed. Margins below 5 mm are taken as 5 mm, which
 * the footer, the poster's tile index and the cut marks need; a poster has
 * at most 100 tiles across and 100 down.
 *
 * Returns: (transfer full): the paginated report
 */
StapleReport *
staple_report_new (StapleSession             *session,
                   const StapleReportOptions *options)
{
  StapleReport *self;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail ((guint) options->kind <= STAPLE_REPORT_WALK_SHEETS, NULL);
  g_return_val_if_fail ((guint) options->paper < G_N_ELEMENTS (papers), NULL);

  self = g_object_new (STAPLE_TYPE_REPORT, NULL);
  self->session = g_object_ref (session);
  self->options = *options;
  self->options.poster_columns = CLAMP (options->poster_columns, 1, MAX_POSTER_SIDE);
  self->options.poster_rows = CLAMP (options->poster_rows, 1, MAX_POSTER_SIDE);
  set_up_paper (self, options->paper);
  index_stages (self);

  if (options->kind == STAPLE_REPORT_FULL || options->kind == STAPLE_REPORT_MAP)
    {
      self->map = staple_map_layout_new ();
      /* Paper never cuts a card's text short. */
      staple_map_layout_set_whole_text (self->map, TRUE);
      staple_map_layout_set_session (self->map, session);
      staple_map_layout_update (self->map);
    }

  switch (options->kind)
    {
    case STAPLE_REPORT_MAP:
      _staple_report_add_map (self);
      break;
    case STAPLE_REPORT_SUMMARY:
      _staple_report_add_summary (self);
      break;
    case STAPLE_REPORT_WALK_SHEETS:
      _staple_report_add_walk_sheets (self);
      break;
    default:
      g_assert_not_reached ();
    case STAPLE_REPORT_FULL:
      _staple_report_add_map (self);
      if (_staple_report_is_poster (self))
        set_up_paper (self, report_paper (self->options.paper));
      _staple_report_add_title_page (self);
      _staple_report_add_time_table (self);
      _staple_report_add_register (self);
      _staple_report_add_root_causes (self);
      _staple_report_add_actions (self);
      _staple_report_add_empowerment (self);
      _staple_report_add_journey (self);
      break;
    }

  add_footers (self);
  self->page = NULL;
  return self;
}

/**
 * staple_report_new_review:
 * @review: (transfer none): the review to print; it must outlive the report
 * @options: the paper (the kind and the poster are not used)
 *
 * Lays out the leadership review of an organisation's walks.
 *
 * Returns: (transfer full): the paginated review
 */
StapleReport *
staple_report_new_review (StapleReview              *review,
                          const StapleReportOptions *options)
{
  StapleReport *self;

  g_return_val_if_fail (review != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail ((guint) options->paper < G_N_ELEMENTS (papers), NULL);

  self = g_object_new (STAPLE_TYPE_REPORT, NULL);
  self->review = review;
  /* Translators: the title of the leadership review; %s is an organisation */
  self->review_title = g_strdup_printf (_("Review of %s"), review->organisation);
  self->options = *options;
  self->options.poster_columns = self->options.poster_rows = 1;
  set_up_paper (self, options->paper);

  _staple_report_add_review (self);

  add_footers (self);
  self->page = NULL;
  return self;
}

/**
 * staple_report_write_review_pdf:
 *
 * Writes the leadership review of an organisation's walks as a PDF, whole
 * or not at all.
 */
gboolean
staple_report_write_review_pdf (StapleReview               *review,
                                const StapleReportOptions  *options,
                                const char                 *path,
                                GError                    **error)
{
  g_autoptr(StapleReport) report = staple_report_new_review (review, options);

  return staple_report_write_pdf (report, path, error);
}

/**
 * staple_report_get_n_pages:
 *
 * Returns: how many pages the report has
 */
guint
staple_report_get_n_pages (StapleReport *self)
{
  g_return_val_if_fail (STAPLE_IS_REPORT (self), 0);

  return self->pages->len;
}

/* Drawing */

static void
draw_item (StapleReport *self,
           cairo_t      *cr,
           const Item   *item)
{
  const cairo_rectangle_t *box = &item->box;

  cairo_set_source_rgb (cr, item->ink, item->ink, item->ink);

  switch (item->kind)
    {
    case ITEM_TEXT:
      if (item->clipped)
        {
          cairo_save (cr);
          cairo_rectangle (cr, box->x, box->y, box->width, box->height);
          cairo_clip (cr);
        }
      cairo_move_to (cr, box->x, box->y);
      pango_cairo_show_layout (cr, item->layout);
      if (item->clipped)
        cairo_restore (cr);
      break;

    case ITEM_LINE:
      cairo_set_line_width (cr, item->line_width);
      if (item->dashed)
        cairo_set_dash (cr, (double[]) { 2, 1.5 }, 2, 0);
      cairo_move_to (cr, box->x, box->y);
      cairo_rel_line_to (cr, box->width, box->height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case ITEM_RECT:
      cairo_rectangle (cr, box->x, box->y, box->width, box->height);
      if (item->fill >= 0)
        {
          cairo_set_source_rgb (cr, item->fill, item->fill, item->fill);
          if (item->line_width > 0)
            cairo_fill_preserve (cr);
          else
            cairo_fill (cr);
        }
      if (item->line_width > 0)
        {
          cairo_set_source_rgb (cr, item->ink, item->ink, item->ink);
          cairo_set_line_width (cr, item->line_width);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      break;

    case ITEM_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, box->x, box->y, box->width, 0, 2 * G_PI);
      if (item->fill >= 0)
        {
          cairo_set_source_rgb (cr, item->fill, item->fill, item->fill);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, item->ink, item->ink, item->ink);
        }
      cairo_set_line_width (cr, item->line_width);
      cairo_stroke (cr);
      break;

    case ITEM_MAP:
      _staple_report_draw_map (self, cr, item);
      break;

    case ITEM_CHART:
      {
        StapleReviewChartStyle style;

        staple_review_chart_style_for_paper (&style);
        cairo_save (cr);
        cairo_translate (cr, box->x, box->y);
        staple_review_chart_draw_band (cr, self->review, box->width, &style, item->band);
        cairo_restore (cr);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * staple_report_draw_page:
 * @self: a #StapleReport
 * @cr: where to draw, its user space in points from the page's top left
 * @page: the page, counting from 0
 * @width_pt: the width of the page @cr draws on
 * @height_pt: its height
 *
 * Draws one page. When the page @cr draws on is not the size the report was
 * paginated for (a printer's idea of A4 may differ by a point), the page is
 * scaled to fit and centred; it is never laid out again.
 */
void
staple_report_draw_page (StapleReport *self,
                         cairo_t      *cr,
                         guint         page,
                         double        width_pt,
                         double        height_pt)
{
  Page *p;

  g_return_if_fail (STAPLE_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  if (width_pt > 0 && height_pt > 0 &&
      (fabs (width_pt - p->width) > 0.01 || fabs (height_pt - p->height) > 0.01))
    {
      double scale = MIN (width_pt / p->width, height_pt / p->height);

      cairo_translate (cr, (width_pt - p->width * scale) / 2,
                       (height_pt - p->height * scale) / 2);
      cairo_scale (cr, scale, scale);
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint i = 0; i < p->items->len; i++)
    draw_item (self, cr, &g_array_index (p->items, Item, i));

  cairo_restore (cr);
}

/* Writing a PDF */

typedef struct
{
  int fd;
  int saved_errno;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          sink->saved_errno = written < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }

      data += written;
      length -= (unsigned int) written;
    }

  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (StapleReport     *self,
              cairo_surface_t *surface)
{
  const char *facilitator = self->session != NULL
                            ? staple_session_get_facilitator (self->session) : "";
  const char *organisation = self->session != NULL
                             ? staple_session_get_organisation (self->session)
                             : self->review->organisation;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* cairo takes ISO 8601 without fractions of a second. */
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _staple_report_session_title (self));
  if (!_staple_report_is_empty (facilitator))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, facilitator);
  else if (!_staple_report_is_empty (organisation))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, organisation);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Staple");
  if (created != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

static void
add_outline (StapleReport    *self,
             cairo_surface_t *surface)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);
      g_autofree char *link = NULL;

      if (page->outline == NULL)
        continue;
      link = g_strdup_printf ("page=%u", i + 1);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, page->outline, link, 0);
    }
}

static cairo_status_t
draw_pdf (StapleReport *self,
          Sink         *sink)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, sink, self->width, self->height);
  set_metadata (self, surface);
  cr = cairo_create (surface);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      cairo_pdf_surface_set_size (surface, page->width, page->height);
      staple_report_draw_page (self, cr, i, page->width, page->height);
      cairo_show_page (cr);
    }

  add_outline (self, surface);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/**
 * staple_report_write_pdf:
 * @self: a #StapleReport
 * @path: the PDF file to write
 * @error: return location for a #GError
 *
 * Writes every page to a PDF with real, searchable text and the document's
 * title, author and creation date set. The PDF goes to a temporary file
 * beside @path, flushed to disk, and only then takes @path's name: a
 * failure leaves whatever was at @path before, or nothing, never half a
 * file.
 *
 * Returns: whether the PDF was written
 */
gboolean
staple_report_write_pdf (StapleReport  *self,
                         const char    *path,
                         GError       **error)
{
  g_autofree char *temp = NULL;
  Sink sink = { -1, 0 };
  cairo_status_t status;
  const char *reason = NULL;
  int saved_errno = 0;

  g_return_val_if_fail (STAPLE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  temp = g_strconcat (path, ".XXXXXX", NULL);
  sink.fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0644);
  if (sink.fd < 0)
    {
      staple_export_set_write_error (error, path, errno, NULL);
      return FALSE;
    }

  /* cairo 1.16 can finish a PDF surface with a success status after its
   * stream failed to write: the sink's own errno is the word on it. */
  status = draw_pdf (self, &sink);
  if (status != CAIRO_STATUS_SUCCESS || sink.saved_errno != 0)
    {
      saved_errno = sink.saved_errno;
      reason = cairo_status_to_string (status != CAIRO_STATUS_SUCCESS
                                       ? status : CAIRO_STATUS_WRITE_ERROR);
    }
  else if (fsync (sink.fd) != 0)
    saved_errno = errno;

  if (close (sink.fd) != 0 && saved_errno == 0 && reason == NULL)
    saved_errno = errno;
  if (saved_errno == 0 && reason == NULL && g_rename (temp, path) != 0)
    saved_errno = errno;

  if (saved_errno != 0 || reason != NULL)
    {
      g_unlink (temp);
      staple_export_set_write_error (error, path, saved_errno, reason);
      return FALSE;
    }

  return TRUE;
}

/* For the tests */

/**
 * staple_report_get_row_rects: (skip)
 *
 * Returns: (transfer none): the rectangles of @page's table rows
 */
GArray *
staple_report_get_row_rects (StapleReport *self,
                             guint         page)
{
  g_return_val_if_fail (STAPLE_IS_REPORT (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);

  return ((Page *) g_ptr_array_index (self->pages, page))->rows;
}

/**
 * staple_report_get_text_rects: (skip)
 *
 * Returns: (transfer full): where the text on @page is, each block's
 *   logical extents cut to its clip
 */
GArray *
staple_report_get_text_rects (StapleReport *self,
                              guint         page)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  Page *p;

  g_return_val_if_fail (STAPLE_IS_REPORT (self), rects);
  g_return_val_if_fail (page < self->pages->len, rects);

  p = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < p->items->len; i++)
    {
      const Item *item = &g_array_index (p->items, Item, i);
      PangoRectangle logical;
      cairo_rectangle_t rect;

      if (item->kind != ITEM_TEXT)
        continue;

      pango_layout_get_extents (item->layout, NULL, &logical);
      rect.x = item->box.x + (double) logical.x / PANGO_SCALE;
      rect.y = item->box.y + (double) logical.y / PANGO_SCALE;
      rect.width = (double) logical.width / PANGO_SCALE;
      rect.height = (double) logical.height / PANGO_SCALE;
      if (item->clipped)
        {
          double x1 = MIN (rect.x + rect.width, item->box.x + item->box.width);
          double y1 = MIN (rect.y + rect.height, item->box.y + item->box.height);

          rect.x = MAX (rect.x, item->box.x);
          rect.y = MAX (rect.y, item->box.y);
          rect.width = MAX (x1 - rect.x, 0);
          rect.height = MAX (y1 - rect.y, 0);
        }
      g_array_append_val (rects, rect);
    }

  return rects;
}

/**
 * staple_report_get_body: (skip)
 * @top: (out): where the page's body starts
 * @bottom: (out): where it ends, above the footer
 */
void
staple_report_get_body (StapleReport *self,
                        double       *top,
                        double       *bottom)
{
  g_return_if_fail (STAPLE_IS_REPORT (self));

  *top = self->top;
  *bottom = self->bottom;
}

/**
 * staple_report_get_texts: (skip)
 * @sizes: (out) (optional) (transfer full): each text's type size, in points
 *
 * Returns: (transfer full) (element-type utf8): the text of each block on
 *   @page, in the order staple_report_get_text_rects() gives their rects
 */
GPtrArray *
staple_report_get_texts (StapleReport  *self,
                         guint          page,
                         GArray       **sizes)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  Page *p;

  if (sizes != NULL)
    *sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_return_val_if_fail (STAPLE_IS_REPORT (self), texts);
  g_return_val_if_fail (page < self->pages->len, texts);

  p = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < p->items->len; i++)
    {
      const Item *item = &g_array_index (p->items, Item, i);
      const PangoFontDescription *font;
      double size;

      if (item->kind != ITEM_TEXT)
        continue;

      g_ptr_array_add (texts, g_strdup (pango_layout_get_text (item->layout)));
      font = pango_layout_get_font_description (item->layout);
      size = font != NULL ? (double) pango_font_description_get_size (font) / PANGO_SCALE : 0;
      if (sizes != NULL)
        g_array_append_val (*sizes, size);
    }

  return texts;
}
