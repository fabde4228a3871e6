/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-model.h"
#include "staple-store.h"

G_BEGIN_DECLS

#define STAPLE_EDITOR_ERROR (staple_editor_error_quark ())

typedef enum
{
  STAPLE_EDITOR_ERROR_INVALID,
  STAPLE_EDITOR_ERROR_NOTHING_TO_UNDO,
} StapleEditorError;

#define STAPLE_TYPE_EDITOR (staple_editor_get_type ())

G_DECLARE_FINAL_TYPE (StapleEditor, staple_editor, STAPLE, EDITOR, GObject)

GQuark          staple_editor_error_quark   (void);
StapleEditor   *staple_editor_new           (StapleStore     *store,
                                             StapleSession   *session);
StapleSession  *staple_editor_get_session   (StapleEditor    *self);
StapleStore    *staple_editor_get_store     (StapleEditor    *self);
guint           staple_editor_get_n_unsaved (StapleEditor    *self);
const GError   *staple_editor_get_unsaved_error (StapleEditor *self);
gboolean        staple_editor_save_now      (StapleEditor    *self,
                                             GError         **error);

gboolean        staple_editor_set           (StapleEditor    *self,
                                             gpointer         object,
                                             const char      *property,
                                             const GValue    *value,
                                             GError         **error);
gboolean        staple_editor_set_string    (StapleEditor    *self,
                                             gpointer         object,
                                             const char      *property,
                                             const char      *value,
                                             GError         **error);
gboolean        staple_editor_set_int       (StapleEditor    *self,
                                             gpointer         object,
                                             const char      *property,
                                             int              value,
                                             GError         **error);
gboolean        staple_editor_set_boolean   (StapleEditor    *self,
                                             gpointer         object,
                                             const char      *property,
                                             gboolean         value,
                                             GError         **error);
gboolean        staple_editor_set_enum      (StapleEditor    *self,
                                             gpointer         object,
                                             const char      *property,
                                             int              value,
                                             GError         **error);

StapleStage    *staple_editor_add_stage     (StapleEditor    *self,
                                             guint            index,
                                             const char      *name,
                                             GError         **error);
StapleFriction *staple_editor_add_friction  (StapleEditor    *self,
                                             StapleStage     *stage,
                                             guint            index,
                                             const char      *text,
                                             GError         **error);
StapleFriction *staple_editor_add_friction_of_kind (StapleEditor      *self,
                                                    StapleStage       *stage,
                                                    guint              index,
                                                    const char        *text,
                                                    StapleFrictionKind kind,
                                                    GError           **error);
gboolean        staple_editor_delete_stage  (StapleEditor    *self,
                                             StapleStage     *stage,
                                             GError         **error);
gboolean        staple_editor_delete_friction (StapleEditor  *self,
                                             StapleFriction  *friction,
                                             GError         **error);
gboolean        staple_editor_move_stage    (StapleEditor    *self,
                                             StapleStage     *stage,
                                             guint            index,
                                             GError         **error);
gboolean        staple_editor_move_friction (StapleEditor    *self,
                                             StapleFriction  *friction,
                                             StapleStage     *stage,
                                             guint            index,
                                             GError         **error);

StapleParticipant *staple_editor_add_participant (StapleEditor *self,
                                                  guint         index,
                                                  const char   *name,
                                                  const char   *role,
                                                  GError      **error);
StapleParticipant *staple_editor_add_anonymous_voter (StapleEditor  *self,
                                                     GError       **error);
gboolean        staple_editor_delete_participant (StapleEditor      *self,
                                                  StapleParticipant *participant,
                                                  GError           **error);
StapleVote     *staple_editor_add_vote      (StapleEditor      *self,
                                             StapleParticipant *participant,
                                             StapleFriction    *friction,
                                             GError           **error);
gboolean        staple_editor_remove_vote   (StapleEditor      *self,
                                             StapleParticipant *participant,
                                             StapleFriction    *friction,
                                             GError           **error);
gboolean        staple_editor_set_dots      (StapleEditor      *self,
                                             StapleParticipant *participant,
                                             const gint64      *friction_ids,
                                             guint              n_ids,
                                             GError           **error);
StapleAction   *staple_editor_add_action    (StapleEditor    *self,
                                             guint            index,
                                             const char      *text,
                                             GError         **error);
gboolean        staple_editor_delete_action (StapleEditor    *self,
                                             StapleAction    *action,
                                             GError         **error);
gboolean        staple_editor_set_action_frictions (StapleEditor  *self,
                                                    StapleAction  *action,
                                                    const gint64  *ids,
                                                    guint          n_ids,
                                                    GError       **error);
StapleEmpowerment *staple_editor_add_empowerment (StapleEditor *self,
                                                  guint         index,
                                                  const char   *text,
                                                  GError      **error);
gboolean        staple_editor_delete_empowerment (StapleEditor      *self,
                                                  StapleEmpowerment *item,
                                                  GError           **error);
gboolean        staple_editor_add_stages    (StapleEditor    *self,
                                             GPtrArray       *stages,
                                             GError         **error);

/* Where the workshop stands: written at once, not in the undo history */
gboolean        staple_editor_set_phase     (StapleEditor    *self,
                                             StaplePhase      phase,
                                             GError         **error);
gboolean        staple_editor_set_current_stage (StapleEditor *self,
                                             StapleStage     *stage,
                                             GError         **error);
gboolean        staple_editor_add_phase_seconds (StapleEditor *self,
                                             StaplePhase      phase,
                                             guint            seconds,
                                             GError         **error);

gboolean        staple_editor_can_undo      (StapleEditor    *self);
gboolean        staple_editor_can_redo      (StapleEditor    *self);
const char     *staple_editor_get_undo_label (StapleEditor   *self);
const char     *staple_editor_get_redo_label (StapleEditor   *self);
gboolean        staple_editor_undo          (StapleEditor    *self,
                                             GError         **error);
gboolean        staple_editor_redo          (StapleEditor    *self,
                                             GError         **error);
void            staple_editor_break_merge   (StapleEditor    *self);
void            staple_editor_begin_unrecorded (StapleEditor *self);
void            staple_editor_end_unrecorded (StapleEditor   *self);

G_END_DECLS
