package com.acme.im.logic.admin;

import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.logic.v1.AdminAddSensitiveWordsCall;
import com.acme.im.proto.logic.v1.AdminDissolveGroupCall;
import com.acme.im.proto.logic.v1.AdminDissolveGroupResponse;
import com.acme.im.proto.logic.v1.AdminGetSensitiveWordsCall;
import com.acme.im.proto.logic.v1.AdminGetSystemFiguresCall;
import com.acme.im.proto.logic.v1.AdminListActionsCall;
import com.acme.im.proto.logic.v1.AdminListAuditHitsCall;
import com.acme.im.proto.logic.v1.AdminListUsersCall;
import com.acme.im.proto.logic.v1.AdminLoginRequest;
import com.acme.im.proto.logic.v1.AdminLoginResponse;
import com.acme.im.proto.logic.v1.AdminRemoveSensitiveWordCall;
import com.acme.im.proto.logic.v1.AdminReviewAuditHitCall;
import com.acme.im.proto.logic.v1.AdminServiceGrpc;
import com.acme.im.proto.logic.v1.AdminSetUserBannedCall;
import com.acme.im.proto.logic.v1.AdminSystemFigures;
import com.acme.im.proto.repo.v1.AddSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.AdminListAuditHitsResponse;
import com.acme.im.proto.repo.v1.AdminListUsersResponse;
import com.acme.im.proto.repo.v1.GetSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.ListAdminActionsResponse;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordResponse;
import com.acme.im.proto.repo.v1.ReviewAuditHitResponse;
import com.acme.im.proto.repo.v1.SetUserBannedResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * 管理后台的 gRPC 端点：只做协议转换，异常交给共享拦截器转成带错误码的状态。
 */
@Singleton
public class AdminEndpoint extends AdminServiceGrpc.AdminServiceImplBase {

    private final AdminService admin;

    public AdminEndpoint(AdminService admin) {
        this.admin = admin;
    }

    @Override
    public void adminLogin(AdminLoginRequest request, StreamObserver<AdminLoginResponse> observer) {
        observer.onNext(admin.login(request.getUsername(), request.getPassword()));
        observer.onCompleted();
    }

    @Override
    public void adminListUsers(AdminListUsersCall request, StreamObserver<AdminListUsersResponse> observer) {
        observer.onNext(admin.listUsers(request.getAdminToken(), request.getQuery()));
        observer.onCompleted();
    }

    @Override
    public void adminSetUserBanned(AdminSetUserBannedCall request, StreamObserver<SetUserBannedResponse> observer) {
        observer.onNext(admin.setBanned(request.getAdminToken(), request.getUserId(), request.getBanned(), request.getReason()));
        observer.onCompleted();
    }

    @Override
    public void adminDissolveGroup(AdminDissolveGroupCall request, StreamObserver<AdminDissolveGroupResponse> observer) {
        Group g = admin.dissolveGroup(request.getAdminToken(), request.getGroupId());
        observer.onNext(AdminDissolveGroupResponse.newBuilder().setGroupId(g.getId()).setDissolvedAt(g.getDissolvedAt()).build());
        observer.onCompleted();
    }

    @Override
    public void adminListAuditHits(AdminListAuditHitsCall request, StreamObserver<AdminListAuditHitsResponse> observer) {
        observer.onNext(admin.listAuditHits(request.getAdminToken(), request.getQuery()));
        observer.onCompleted();
    }

    @Override
    public void adminReviewAuditHit(AdminReviewAuditHitCall request, StreamObserver<ReviewAuditHitResponse> observer) {
        observer.onNext(admin.reviewAuditHit(request.getAdminToken(), request.getHitId(), request.getVerdict()));
        observer.onCompleted();
    }

    @Override
    public void adminGetSensitiveWords(AdminGetSensitiveWordsCall request, StreamObserver<GetSensitiveWordsResponse> observer) {
        observer.onNext(admin.sensitiveWords(request.getAdminToken()));
        observer.onCompleted();
    }

    @Override
    public void adminAddSensitiveWords(AdminAddSensitiveWordsCall request, StreamObserver<AddSensitiveWordsResponse> observer) {
        observer.onNext(admin.addSensitiveWords(request.getAdminToken(), request.getWordsList()));
        observer.onCompleted();
    }

    @Override
    public void adminRemoveSensitiveWord(AdminRemoveSensitiveWordCall request, StreamObserver<RemoveSensitiveWordResponse> observer) {
        observer.onNext(admin.removeSensitiveWord(request.getAdminToken(), request.getWord()));
        observer.onCompleted();
    }

    @Override
    public void adminGetSystemFigures(AdminGetSystemFiguresCall request, StreamObserver<AdminSystemFigures> observer) {
        observer.onNext(admin.figures(request.getAdminToken()));
        observer.onCompleted();
    }

    @Override
    public void adminListActions(AdminListActionsCall request, StreamObserver<ListAdminActionsResponse> observer) {
        observer.onNext(admin.listActions(request.getAdminToken(), request.getQuery()));
        observer.onCompleted();
    }
}
