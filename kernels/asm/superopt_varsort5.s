# superopt::kernels: varsort5 (found ships: human benchmark / find = 1.027 in p5 latency)
# made by: superopt search --task varsort5 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_varsort5
# chosen by: bash scripts/find_kernels.sh 90 varsort5 (superopt search --task varsort5 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_varsort5, then superopt bench --task varsort5 found.s --seconds 20)
	.text
	.globl	superopt_varsort5
	.type	superopt_varsort5, @function
	.p2align 6
superopt_varsort5:
	mov (%rdi), %eax
	cmp $2, %eax
	jl .Lsuperopt_varsort5_Lend
	je .Lsuperopt_varsort5_Ln2
	cmp $3, %eax
	je .Lsuperopt_varsort5_Ln3
	cmp $4, %eax
	je .Lsuperopt_varsort5_Ln4
	mov 4(%rdi), %eax
	mov 8(%rdi), %ecx
	mov 12(%rdi), %edx
	mov 16(%rdi), %esi
	mov 20(%rdi), %r8d
	mov %eax, %r9d
	cmp %esi, %eax
	cmovg %esi, %eax
	cmovg %r9d, %esi
	mov %ecx, %r9d
	cmp %r8d, %ecx
	cmovg %r8d, %ecx
	cmovg %r9d, %r8d
	mov %eax, %r9d
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %r9d, %edx
	mov %ecx, %r9d
	cmp %esi, %ecx
	cmovg %esi, %ecx
	cmovg %r9d, %esi
	mov %eax, %r9d
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %r9d, %ecx
	mov %edx, %r9d
	cmp %r8d, %edx
	cmovg %r8d, %edx
	cmovg %r9d, %r8d
	mov %ecx, %r9d
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %r9d, %edx
	mov %esi, %r9d
	cmp %r8d, %esi
	cmovg %r8d, %esi
	cmovg %r9d, %r8d
	mov %edx, %r9d
	cmp %esi, %edx
	cmovg %esi, %edx
	cmovg %r9d, %esi
	mov %eax, 4(%rdi)
	mov %ecx, 8(%rdi)
	mov %edx, 12(%rdi)
	mov %esi, 16(%rdi)
	mov %r8d, 20(%rdi)
	jmp .Lsuperopt_varsort5_Lend
.Lsuperopt_varsort5_Ln4:
	mov 4(%rdi), %eax
	mov 8(%rdi), %ecx
	mov 12(%rdi), %edx
	mov 16(%rdi), %esi
	mov %eax, %r8d
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %r8d, %edx
	mov %ecx, %r8d
	cmp %esi, %ecx
	cmovg %esi, %ecx
	cmovg %r8d, %esi
	mov %eax, %r8d
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %r8d, %ecx
	mov %edx, %r8d
	cmp %esi, %edx
	cmovg %esi, %edx
	cmovg %r8d, %esi
	mov %ecx, %r8d
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %r8d, %edx
	mov %eax, 4(%rdi)
	mov %ecx, 8(%rdi)
	mov %edx, 12(%rdi)
	mov %esi, 16(%rdi)
	jmp .Lsuperopt_varsort5_Lend
.Lsuperopt_varsort5_Ln3:
	mov 4(%rdi), %eax
	mov 8(%rdi), %ecx
	mov 12(%rdi), %edx
	mov %eax, %esi
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %esi, %edx
	mov %eax, %esi
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %esi, %ecx
	mov %ecx, %esi
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %esi, %edx
	mov %eax, 4(%rdi)
	mov %ecx, 8(%rdi)
	mov %edx, 12(%rdi)
	jmp .Lsuperopt_varsort5_Lend
.Lsuperopt_varsort5_Ln2:
	mov 4(%rdi), %eax
	mov 8(%rdi), %ecx
	mov %eax, %edx
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %edx, %ecx
	mov %eax, 4(%rdi)
	mov %ecx, 8(%rdi)
.Lsuperopt_varsort5_Lend:
	ret
	.size	superopt_varsort5, .-superopt_varsort5
	.section	.note.GNU-stack,"",@progbits
