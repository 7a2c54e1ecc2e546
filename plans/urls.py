from django.urls import path

from plans.views import programme, strategic, texts

app_name = "plans"
urlpatterns = [
    path("plan/", strategic.index, name="index"),
    path("plan/tutarlilik/", programme.consistency, name="consistency"),
    # Strategic plan
    path("plan/sp/yeni/", strategic.plan_edit, name="plan_create"),
    path("plan/sp/<int:plan_id>/", strategic.plan_detail, name="plan_detail"),
    path("plan/sp/<int:plan_id>/duzenle/", strategic.plan_edit, name="plan_edit"),
    path("plan/sp/<int:plan_id>/amac/yeni/", strategic.aim_edit, name="aim_create"),
    path("plan/sp/<int:plan_id>/amac/<int:aim_id>/", strategic.aim_edit, name="aim_edit"),
    path("plan/amac/<int:aim_id>/hedef/yeni/", strategic.target_edit, name="target_create"),
    path("plan/amac/<int:aim_id>/hedef/<int:target_id>/", strategic.target_edit, name="target_edit"),
    path("plan/hedef/<int:target_id>/", strategic.target_page, name="target_detail"),
    path("plan/hedef/<int:target_id>/gosterge/yeni/", strategic.sp_indicator_edit, name="sp_indicator_create"),
    path(
        "plan/hedef/<int:target_id>/gosterge/<int:indicator_id>/duzenle/",
        strategic.sp_indicator_edit,
        name="sp_indicator_edit",
    ),
    path("plan/sp-gosterge/<int:indicator_id>/", strategic.sp_indicator_detail, name="sp_indicator_detail"),
    path("plan/sp-gosterge/<int:indicator_id>/hedef/<int:year>/", strategic.sp_target_value, name="sp_target_value"),
    path("plan/sp-gosterge/<int:indicator_id>/sil/", strategic.sp_indicator_delete, name="sp_indicator_delete"),
    path("plan/sp-gosterge/<int:indicator_id>/kaldir/", strategic.sp_indicator_retire, name="sp_indicator_retire"),
    # Performance programme
    path("plan/pp/yeni/", programme.programme_create, name="programme_create"),
    path("plan/pp/<int:year>/", programme.programme_detail, name="programme_detail"),
    path("plan/pp/<int:year>/devir/", programme.rollover, name="rollover"),
    path("plan/pp/<int:year>/program/yeni/", programme.program_edit, name="program_create"),
    path("plan/pp/<int:year>/program/<int:program_id>/", programme.program_edit, name="program_edit"),
    path("plan/program/<int:program_id>/alt/yeni/", programme.sub_program_edit, name="sub_program_create"),
    path(
        "plan/program/<int:program_id>/alt/<int:sub_program_id>/", programme.sub_program_edit, name="sub_program_edit"
    ),
    path("plan/alt-program/<int:sub_program_id>/hedef/yeni/", programme.goal_edit, name="goal_create"),
    path("plan/alt-program/<int:sub_program_id>/hedef/<int:goal_id>/", programme.goal_edit, name="goal_edit"),
    path("plan/alt-program/<int:sub_program_id>/faaliyet/yeni/", programme.activity_edit, name="activity_create"),
    path(
        "plan/alt-program/<int:sub_program_id>/faaliyet/<int:activity_id>/",
        programme.activity_edit,
        name="activity_edit",
    ),
    path(
        "plan/alt-program/<int:sub_program_id>/gosterge/yeni/", programme.pp_indicator_edit, name="pp_indicator_create"
    ),
    path(
        "plan/alt-program/<int:sub_program_id>/gosterge/<int:indicator_id>/",
        programme.pp_indicator_edit,
        name="pp_indicator_edit",
    ),
    path("plan/pp-gosterge/<int:indicator_id>/", programme.pp_indicator_detail, name="pp_indicator_detail"),
    path("plan/pp-gosterge/<int:indicator_id>/sil/", programme.pp_indicator_delete, name="pp_indicator_delete"),
    path("plan/pp-gosterge/<int:indicator_id>/kaldir/", programme.pp_indicator_retire, name="pp_indicator_retire"),
    # Yearly texts of the evaluation tables
    path("plan/metinler/", texts.texts_index, name="texts_index"),
    path("plan/metinler/hedef/<int:target_id>/<int:year>/", texts.target_texts, name="target_texts"),
    path("plan/metinler/gosterge/<int:indicator_id>/<int:year>/", texts.sp_texts, name="sp_texts"),
]
